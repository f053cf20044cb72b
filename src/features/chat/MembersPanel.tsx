import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { groupTitleProblem, useActions, useDirectory, type GroupMemberView, type GroupView } from '../../client';
import { Avatar } from '../../ui/Avatar';
import { Button, IconButton } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CloseIcon } from '../../ui/moreIcons';
import { PeoplePicker } from '../../ui/PeoplePicker';
import { TextField } from '../../ui/TextField';

export interface MembersPanelProps {
  id: string;
  conversationId: string;
  group: GroupView;
  meId: string;
  onClose(): void;
}

type Confirming = { kind: 'leave' } | { kind: 'remove'; member: GroupMemberView } | null;

/**
 * The group's people with their presence, and what my role allows: add
 * people, remove someone, rename, leave. Leaving and removing ask first.
 */
export function MembersPanel({ id, conversationId, group, meId, onClose }: MembersPanelProps) {
  const actions = useActions();
  const directory = useDirectory();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(group.title);
  const [titleError, setTitleError] = useState<string | null>(null);
  const inGroup = group.myRole !== null;

  useEffect(() => heading.current?.focus({ preventScroll: true }), []);

  /** Runs a change, saying why it failed; the engine has already put the group back. */
  const run = async (change: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await change();
      return true;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'That did not work.');
      return false;
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    const current = confirming;
    setConfirming(null);
    if (current?.kind === 'leave') await run(() => actions.leaveGroup(conversationId));
    else if (current?.kind === 'remove') await run(() => actions.removeMember(conversationId, current.member.user.id));
  };

  const addChosen = async () => {
    if (await run(() => actions.addMembers(conversationId, [...chosen]))) {
      setAdding(false);
      setChosen(new Set());
    }
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    const problem = groupTitleProblem(title);
    setTitleError(problem);
    if (problem) return;
    setRenaming(false);
    await run(() => actions.renameGroup(conversationId, title));
  };

  const memberIds = new Set(group.members.map((m) => m.user.id));
  const candidates = directory.filter((person) => !memberIds.has(person.id));
  const toggle = (userId: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(userId)) next.add(userId);
      return next;
    });

  return (
    <aside id={id} className="members-panel" aria-labelledby={headingId}>
      <div className="members-panel__header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          Members <span className="members-panel__count">({group.members.length})</span>
        </h2>
        <IconButton label="Close members" onClick={onClose}>
          <CloseIcon size={18} />
        </IconButton>
      </div>
      <p className="members-panel__about">
        {group.visibility === 'public' ? 'Public channel: anyone on the team can join.' : 'Private group: only its members see it.'} {group.onlineCount} online.
      </p>
      {!inGroup && <p className="members-panel__note">You are no longer in this group.</p>}
      {error && (
        <p className="members-panel__error" role="alert">
          {error}
        </p>
      )}

      {group.canRename &&
        (renaming ? (
          <form className="members-panel__rename" onSubmit={(event) => void rename(event)} noValidate>
            <TextField label="Group name" value={title} onChange={(event) => setTitle(event.target.value)} error={titleError} autoFocus autoComplete="off" />
            <div className="members-panel__row-actions">
              <Button variant="secondary" onClick={() => setRenaming(false)}>
                Cancel
              </Button>
              <Button type="submit">Save name</Button>
            </div>
          </form>
        ) : (
          <Button
            variant="ghost"
            onClick={() => {
              setTitle(group.title);
              setTitleError(null);
              setRenaming(true);
            }}
          >
            Rename group
          </Button>
        ))}

      {group.canAddMembers &&
        (adding ? (
          <div className="members-panel__add">
            <PeoplePicker legend="Add people" people={candidates} chosen={chosen} onToggle={toggle} />
            <div className="members-panel__row-actions">
              <Button variant="secondary" onClick={() => setAdding(false)}>
                Cancel
              </Button>
              <Button onClick={() => void addChosen()} disabled={chosen.size === 0} busy={busy}>
                Add {chosen.size > 0 ? chosen.size : ''}
              </Button>
            </div>
          </div>
        ) : (
          <Button
            variant="ghost"
            onClick={() => {
              actions.browseDirectory();
              setAdding(true);
            }}
          >
            Add people
          </Button>
        ))}

      <ul className="members-panel__list" aria-label="People in this group">
        {group.members.map((member) => {
          const isMe = member.user.id === meId;
          return (
            <li key={member.user.id} className="members-panel__member">
              <Avatar name={member.user.displayName} color={member.user.avatarColor} presence={member.user.presence} size="sm" />
              <span className="members-panel__name">
                {member.user.displayName}
                {isMe && ' (you)'}
                {member.role === 'owner' && <span className="members-panel__role">Owner</span>}
              </span>
              {group.canRemoveMembers && !isMe && (
                <Button variant="ghost" className="members-panel__remove" onClick={() => setConfirming({ kind: 'remove', member })} aria-label={`Remove ${member.user.displayName}`} disabled={busy}>
                  Remove
                </Button>
              )}
            </li>
          );
        })}
      </ul>

      {inGroup && (
        <Button variant="danger" onClick={() => setConfirming({ kind: 'leave' })} disabled={busy}>
          Leave group
        </Button>
      )}

      {confirming?.kind === 'leave' && (
        <ConfirmDialog title={`Leave ${group.title}?`} confirmLabel="Leave group" destructive onConfirm={() => void confirm()} onCancel={() => setConfirming(null)}>
          <p>You keep the messages so far but get nothing new, and someone has to add you back{group.visibility === 'public' ? ' (or you join again)' : ''}.</p>
        </ConfirmDialog>
      )}
      {confirming?.kind === 'remove' && (
        <ConfirmDialog
          title={`Remove ${confirming.member.user.displayName}?`}
          confirmLabel="Remove"
          destructive
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming.member.user.displayName} keeps the messages so far but gets nothing new from {group.title}.
          </p>
        </ConfirmDialog>
      )}
    </aside>
  );
}
