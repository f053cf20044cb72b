import { useEffect, useState, type FormEvent } from 'react';
import { groupTitleProblem, useActions, useDirectory, type GroupView } from '../../client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/TextField';
import { PeoplePicker } from '../../ui/PeoplePicker';

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
    const problem = groupTitleProblem(title);
    setTitleError(problem);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const id = await actions.createGroup({ title, visibility, memberIds: [...chosen] });
      onCreated(id);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The group could not be made.');
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="New group"
      onClose={onClose}
      wide
      actions={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form="new-group-form" busy={busy}>
            Create group
          </Button>
        </>
      }
    >
      <form id="new-group-form" className="group-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField label="Group name" value={title} onChange={(event) => setTitle(event.target.value)} error={titleError} autoComplete="off" placeholder="e.g. Launch" />
        <fieldset className="group-form__visibility">
          <legend>Who can find it</legend>
          <label className="choice">
            <input type="radio" name="visibility" value="private" checked={visibility === 'private'} onChange={() => setVisibility('private')} />
            <span>
              <strong>Private group</strong>
              <span className="choice__hint">Only the people in it see it; any of them can add others.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="visibility" value="public" checked={visibility === 'public'} onChange={() => setVisibility('public')} />
            <span>
              <strong>Public channel</strong>
              <span className="choice__hint">Anyone on the team can find it in Browse channels and join.</span>
            </span>
          </label>
        </fieldset>
        <PeoplePicker legend="Members" people={directory} chosen={chosen} onToggle={toggle} />
        {error && (
          <p className="group-form__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
