// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';

/** A button that opens the dialog, as a screen would. */
function Harness({ onConfirm = () => {}, busy = false }: { onConfirm?: () => void; busy?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Leave
      </button>
      <button type="button">Elsewhere</button>
      {open && (
        <ConfirmDialog title="Leave the room?" confirmLabel="Leave now" destructive busy={busy} onConfirm={onConfirm} onCancel={() => setOpen(false)}>
          <p>Everyone will see you go.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

async function openDialog() {
  await userEvent.click(screen.getByRole('button', { name: 'Leave' }));
  return screen.getByRole('alertdialog', { name: 'Leave the room?' });
}

describe('ConfirmDialog', () => {
  it('is a native dialog opened as a modal, named by its question, described by what follows, with focus on Cancel', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    render(<Harness />);
    const dialog = await openDialog();
    // showModal, not show: the browser makes the page behind inert, screen readers included.
    expect(dialog).toBeInstanceOf(HTMLDialogElement);
    expect(showModal.mock.contexts).toEqual([dialog]);
    expect(dialog).toHaveAttribute('open');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription('Everyone will see you go.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    showModal.mockRestore();
  });

  it('cancels on Escape and gives focus back to the button that opened it', async () => {
    render(<Harness />);
    await openDialog();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave' })).toHaveFocus();
  });

  it('cancels with Cancel, and goes ahead with the confirm button', async () => {
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);
    await openDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();

    await openDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Leave now' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('while the confirmed action runs, shows it busy and offers nothing else', async () => {
    render(<Harness busy />);
    await openDialog();
    expect(screen.getByRole('button', { name: 'Leave now' })).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: 'Leave now' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  });

  it('stays open on Escape while the confirmed action runs', async () => {
    render(<Harness busy />);
    const dialog = await openDialog();
    await userEvent.keyboard('{Escape}');
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('alertdialog')).toBe(dialog);
  });

  it('closed by the browser itself, counts as Cancel', async () => {
    render(<Harness />);
    const dialog = await openDialog();
    act(() => (dialog as HTMLDialogElement).close());
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave' })).toHaveFocus();
  });
});
