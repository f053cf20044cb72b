// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
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
  it('is a modal alertdialog named by its question, described by what follows, with focus on Cancel', async () => {
    render(<Harness />);
    const dialog = await openDialog();
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription('Everyone will see you go.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
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

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    render(<Harness />);
    await openDialog();
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const confirm = screen.getByRole('button', { name: 'Leave now' });
    await userEvent.tab();
    expect(confirm).toHaveFocus();
    await userEvent.tab();
    expect(cancel).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(confirm).toHaveFocus();
  });

  it('while the confirmed action runs, shows it busy and offers nothing else', async () => {
    render(<Harness busy />);
    await openDialog();
    expect(screen.getByRole('button', { name: 'Leave now' })).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: 'Leave now' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  });
});
