// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../client';
import { Composer } from './Composer';

function setup(draft = '') {
  const props = { draft, onDraftChange: vi.fn(), onSend: vi.fn(), onTyping: vi.fn() };
  const view = render(<Composer {...props} />);
  return { ...props, view, box: screen.getByRole('textbox', { name: 'Message' }) };
}

describe('Composer', () => {
  it('sends on Enter and clears the box and the draft', async () => {
    const { box, onSend, onDraftChange, onTyping } = setup();
    await userEvent.type(box, '  hello there  {Enter}');
    expect(onSend).toHaveBeenCalledWith('hello there');
    expect(box).toHaveValue('');
    expect(onDraftChange).toHaveBeenLastCalledWith('');
    expect(onTyping).toHaveBeenCalled();
  });

  it('adds a line on Shift+Enter', async () => {
    const { box, onSend } = setup();
    await userEvent.type(box, 'one{Shift>}{Enter}{/Shift}two');
    expect(box).toHaveValue('one\ntwo');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('sends with the Send button, which is disabled while empty', async () => {
    const { box, onSend } = setup();
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();
    await userEvent.type(box, 'hi');
    await userEvent.click(send);
    expect(onSend).toHaveBeenCalledWith('hi');
  });

  it('shows a stored draft that arrives after mount, until the person types', () => {
    const { box, view, onSend, onDraftChange, onTyping } = setup('');
    view.rerender(<Composer draft="half a thought" onSend={onSend} onDraftChange={onDraftChange} onTyping={onTyping} />);
    expect(box).toHaveValue('half a thought');
  });

  it('counts characters near the limit and refuses to send over it', () => {
    const { box } = setup();
    fireEvent.change(box, { target: { value: 'x'.repeat(LIMITS.bodyMaxChars - 10) } });
    expect(box).toHaveAccessibleDescription(`${LIMITS.bodyMaxChars - 10} / ${LIMITS.bodyMaxChars}`);
    fireEvent.change(box, { target: { value: 'x'.repeat(LIMITS.bodyMaxChars + 3) } });
    expect(box).toHaveAccessibleDescription('3 characters over the limit');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    fireEvent.change(box, { target: { value: 'x'.repeat(LIMITS.bodyMaxChars + 1) } });
    expect(box).toHaveAccessibleDescription('1 character over the limit');
  });

  it('counts an emoji as one character, as the backend does: the limit in emoji is sendable, one more is not', async () => {
    const { box, onSend } = setup();
    const send = screen.getByRole('button', { name: 'Send' });
    fireEvent.change(box, { target: { value: '😀'.repeat(LIMITS.bodyMaxChars) } });
    expect(box).toHaveAccessibleDescription(`${LIMITS.bodyMaxChars} / ${LIMITS.bodyMaxChars}`);
    expect(send).toBeEnabled();
    fireEvent.change(box, { target: { value: '😀'.repeat(LIMITS.bodyMaxChars + 3) } });
    expect(box).toHaveAccessibleDescription('3 characters over the limit');
    expect(send).toBeDisabled();
    fireEvent.change(box, { target: { value: '😀'.repeat(LIMITS.bodyMaxChars) } });
    await userEvent.click(send);
    expect(onSend).toHaveBeenCalledWith('😀'.repeat(LIMITS.bodyMaxChars));
  });

  it('does not count the spaces around the message, which are not sent', () => {
    const { box } = setup();
    fireEvent.change(box, { target: { value: `  ${'x'.repeat(LIMITS.bodyMaxChars)}\n\n` } });
    expect(box).toHaveAccessibleDescription(`${LIMITS.bodyMaxChars} / ${LIMITS.bodyMaxChars}`);
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
  });
});
