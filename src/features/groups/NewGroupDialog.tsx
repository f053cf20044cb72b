import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useState, type FormEvent } from 'react';
import { useActions, useDirectory, type GroupView } from '../../client';
import { toChatError } from '../../transport';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/TextField';
import { titleProblemText } from '../../ui/format/groupTitle';
import { PeoplePicker } from '../../ui/PeoplePicker';
import { errorText } from '../../ui/i18n/errors';

export interface NewGroupDialogProps {
  onClose(): void;
  /** The group was made: open it. */
  onCreated(conversationId: string): void;
}

/** "New group": a title, private or public, and the members, picked with search. */
export function NewGroupDialog({ onClose, onCreated }: NewGroupDialogProps) {
  const actions = useActions();
  const directory = useDirectory();
  const [title, setTitle] = useState('');
  const [visibility, setVisibility] = useState<GroupView['visibility']>('private');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [titleError, setTitleError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Whoever joined the team since the directory was last fetched can be picked too.
  useEffect(() => actions.browseDirectory(), [actions]);

  const toggle = (userId: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(userId)) next.add(userId);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = titleProblemText(title);
    setTitleError(problem);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const id = await actions.createGroup({ title, visibility, memberIds: [...chosen] });
      onCreated(id);
    } catch (caught) {
      setError(caught instanceof Error ? errorText(toChatError(caught)) : t`The group could not be made.`);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t`New group`}
      onClose={onClose}
      wide
      actions={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            <Trans>Cancel</Trans>
          </Button>
          <Button type="submit" form="new-group-form" busy={busy}>
            <Trans>Create group</Trans>
          </Button>
        </>
      }
    >
      <form id="new-group-form" className="group-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField label={t`Group name`} value={title} onChange={(event) => setTitle(event.target.value)} error={titleError} autoComplete="off" placeholder={t`e.g. Launch`} />
        <fieldset className="group-form__visibility">
          <legend>
            <Trans>Who can find it</Trans>
          </legend>
          <label className="choice">
            <input type="radio" name="visibility" value="private" checked={visibility === 'private'} onChange={() => setVisibility('private')} />
            <span>
              <strong>
                <Trans>Private group</Trans>
              </strong>
              <span className="choice__hint">
                <Trans>Only the people in it see it; any of them can add others.</Trans>
              </span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="visibility" value="public" checked={visibility === 'public'} onChange={() => setVisibility('public')} />
            <span>
              <strong>
                <Trans>Public channel</Trans>
              </strong>
              <span className="choice__hint">
                <Trans>Anyone on the team can find it in Browse channels and join.</Trans>
              </span>
            </span>
          </label>
        </fieldset>
        <PeoplePicker legend={t`Members`} people={directory} chosen={chosen} onToggle={toggle} />
        {error && (
          <p className="group-form__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
