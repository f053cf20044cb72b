import { plural, t } from '@lingui/core/macro';
import { useEffect, useRef, useState } from 'react';
import { type UnsentCount, useActions } from '../../client';
import { IconButton } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SignOutIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';

type Step =
  | { name: 'idle' }
  | { name: 'checking' }
  /** `signingOut`: the person said yes; the dialog stays, busy, until the screen changes. */
  | { name: 'asking'; unsent: UnsentCount | null; signingOut: boolean }
  | { name: 'signing-out' };

/**
 * The question when what I wrote or changed would be lost: messages not sent, and edits, deletes and
 * reactions not yet made; null: the outbox could not be read, so it may hold some. Each case is a whole
 * message with its counts as ICU plurals: languages count, agree and order these words differently.
 */
export function unsentQuestion(unsent: UnsentCount | null): { title: string; description: string } {
  if (unsent === null) return { title: t`Some messages may not have been sent yet`, description: t`Sign out and discard them? They are deleted from this device.` };
  const { messages, changes } = unsent;
  const unsentTotal = messages + changes;
  let title: string;
  if (changes === 0) title = plural(messages, { one: '# message has not been sent yet', other: '# messages have not been sent yet' });
  else if (messages === 0) title = plural(changes, { one: '# change to a message has not been sent yet', other: '# changes to messages have not been sent yet' });
  else {
    title = t`${plural(messages, { one: '# message', other: '# messages' })} and ${plural(changes, { one: '# change to a message', other: '# changes to messages' })} have not been sent yet`;
  }
  return {
    title,
    description: plural(unsentTotal, {
      one: 'Sign out and discard it? It is deleted from this device.',
      other: 'Sign out and discard them? They are deleted from this device.',
    }),
  };
}

/**
 * Signs out of this tab and every other tab of the person. Signing out deletes
 * what this device holds, so when messages or changes to them are still waiting
 * to be sent (or failed) it asks first.
 */
export function SignOutButton() {
  const actions = useActions();
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const signOut = async (after: Step) => {
    setStep(after);
    try {
      await actions.signOut();
    } finally {
      // Signed out, this button is gone with the screen; still here, it can be pressed again.
      if (mounted.current) setStep({ name: 'idle' });
    }
  };

  const start = async () => {
    setStep({ name: 'checking' });
    const unsent = await actions.countUnsent().catch(() => null);
    if (!mounted.current) return;
    if (unsent && unsent.messages + unsent.changes === 0) await signOut({ name: 'signing-out' });
    else setStep({ name: 'asking', unsent, signingOut: false });
  };

  const busy = step.name !== 'idle';
  return (
    <>
      {/* Busy, not disabled: a disabled button would drop the focus the dialog gives back to it. */}
      <IconButton label={t`Sign out`} aria-busy={busy || undefined} aria-disabled={busy || undefined} onClick={() => busy || void start()}>
        {step.name === 'checking' || step.name === 'signing-out' ? <Spinner /> : <SignOutIcon />}
      </IconButton>
      {step.name === 'asking' && (
        <ConfirmDialog
          title={unsentQuestion(step.unsent).title}
          confirmLabel={t`Sign out`}
          destructive
          busy={step.signingOut}
          onConfirm={() => void signOut({ ...step, signingOut: true })}
          onCancel={() => setStep({ name: 'idle' })}
        >
          <p>{unsentQuestion(step.unsent).description}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
