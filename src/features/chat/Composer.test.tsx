// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../client';
import { Composer, type ComposerProps } from './Composer';

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

describe('Composer: reply and edit', () => {
  function Harness({ onSend, onSaveEdit, onCancelEdit, onCancelReply, onEditLast, reply, editing }: Partial<ComposerProps>) {
    return (
      <Composer
        draft=""
        onDraftChange={() => {}}
        onSend={onSend ?? (() => {})}
        onTyping={() => {}}
        reply={reply}
        onCancelReply={onCancelReply}
        editing={editing}
        onSaveEdit={onSaveEdit}
        onCancelEdit={onCancelEdit}
        onEditLast={onEditLast}
      />
    );
  }

  it('quotes the message being answered above the box and takes focus; Escape cancels the reply', async () => {
    const onCancelReply = vi.fn();
    const onSend = vi.fn();
    const view = render(<Harness onSend={onSend} onCancelReply={onCancelReply} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'Sure');
    view.rerender(<Harness onSend={onSend} onCancelReply={onCancelReply} reply={{ key: 'c7', name: 'Maya', text: 'Lunch at noon?' }} />);
    expect(box).toHaveFocus();
    // What was typed stays; the quote says whom and what, and describes the box.
    expect(box).toHaveValue('Sure');
    expect(box).toHaveAccessibleDescription('Replying to Maya: Lunch at noon?');
    await userEvent.keyboard('{Escape}');
    expect(onCancelReply).toHaveBeenCalledTimes(1);
    expect(onSend).not.toHaveBeenCalled();
  });

  it('cancels a reply with the quote’s close button, focus staying in the box', async () => {
    const onCancelReply = vi.fn();
    render(<Harness onCancelReply={onCancelReply} reply={{ key: 'c7', name: 'Maya', text: 'Lunch?' }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel reply' }));
    expect(onCancelReply).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveFocus();
  });

  it('asks to edit my last message on Up arrow in the empty box, not when there is text', async () => {
    const onEditLast = vi.fn(() => true);
    render(<Harness onEditLast={onEditLast} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'x{ArrowUp}');
    expect(onEditLast).not.toHaveBeenCalled();
    await userEvent.type(box, '{Backspace}{ArrowUp}');
    expect(onEditLast).toHaveBeenCalledTimes(1);
  });

  it('edits in the box: the message’s words in it, Enter saves, the draft comes back after', async () => {
    const onSaveEdit = vi.fn();
    const view = render(<Harness onSaveEdit={onSaveEdit} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'half a thought');
    view.rerender(<Harness onSaveEdit={onSaveEdit} editing={{ key: 'c3', body: 'Helo there' }} />);
    const box = screen.getByRole('textbox', { name: 'Edit message' });
    expect(box).toHaveValue('Helo there');
    expect(box).toHaveFocus();
    expect(box).toHaveAccessibleDescription('Editing message: Helo there');
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
    await userEvent.clear(box);
    await userEvent.type(box, 'Hello there{Enter}');
    expect(onSaveEdit).toHaveBeenCalledWith('Hello there');
    view.rerender(<Harness onSaveEdit={onSaveEdit} editing={null} />);
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('half a thought');
  });

  it('cancels an edit on Escape, and will not save it empty', async () => {
    const onCancelEdit = vi.fn();
    const onSaveEdit = vi.fn();
    render(<Harness onCancelEdit={onCancelEdit} onSaveEdit={onSaveEdit} editing={{ key: 'c3', body: 'Hello' }} />);
    const box = screen.getByRole('textbox', { name: 'Edit message' });
    await userEvent.clear(box);
    await userEvent.keyboard('{Enter}');
    expect(onSaveEdit).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.keyboard('{Escape}');
    expect(onCancelEdit).toHaveBeenCalledTimes(1);
  });
});
