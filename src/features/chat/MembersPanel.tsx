import { plural, t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useActions, useDirectory, type GroupMemberView, type GroupView } from '../../client';
import { Avatar } from '../../ui/Avatar';
import { Button, IconButton } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CloseIcon } from '../../ui/moreIcons';
import { PeoplePicker } from '../../ui/PeoplePicker';
import { TextField } from '../../ui/TextField';
import { titleProblemText } from '../../ui/format/groupTitle';
import { errorReason } from './errorReason';

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
      setError(errorReason(caught));
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
    const problem = titleProblemText(title);
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

  const memberCount = group.members.length;
  const { onlineCount } = group;
  const groupTitle = group.title;
  const memberName = confirming?.kind === 'remove' ? confirming.member.user.displayName : '';
  return (
    <aside id={id} className="members-panel" aria-labelledby={headingId}>
      <div className="members-panel__header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          <Trans>
            Members <span className="members-panel__count">({memberCount})</span>
          </Trans>
        </h2>
        <IconButton label={t`Close members`} onClick={onClose}>
          <CloseIcon size={18} />
        </IconButton>
      </div>
      <p className="members-panel__about">
        {group.visibility === 'public' ? t`Public channel: anyone on the team can join. ${onlineCount} online.` : t`Private group: only its members see it. ${onlineCount} online.`}
      </p>
      {!inGroup && (
        <p className="members-panel__note">
          <Trans>You are no longer in this group.</Trans>
        </p>
      )}
      {error && (
        <p className="members-panel__error" role="alert">
          {error}
        </p>
      )}

      {group.canRename &&
        (renaming ? (
          <form className="members-panel__rename" onSubmit={(event) => void rename(event)} noValidate>
            <TextField label={t`Group name`} value={title} onChange={(event) => setTitle(event.target.value)} error={titleError} autoFocus autoComplete="off" />
            <div className="members-panel__row-actions">
              <Button variant="secondary" onClick={() => setRenaming(false)}>
                <Trans>Cancel</Trans>
              </Button>
              <Button type="submit">
                <Trans>Save name</Trans>
              </Button>
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
            <Trans>Rename group</Trans>
          </Button>
        ))}

      {group.canAddMembers &&
        (adding ? (
          <div className="members-panel__add">
            <PeoplePicker legend={t`Add people`} people={candidates} chosen={chosen} onToggle={toggle} />
            <div className="members-panel__row-actions">
              <Button variant="secondary" onClick={() => setAdding(false)}>
                <Trans>Cancel</Trans>
              </Button>
              <Button onClick={() => void addChosen()} disabled={chosen.size === 0} busy={busy}>
                {addLabel(chosen.size)}
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
            <Trans>Add people</Trans>
          </Button>
        ))}

      <ul className="members-panel__list" aria-label={t`People in this group`}>
        {group.members.map((member) => {
          const isMe = member.user.id === meId;
          const name = member.user.displayName;
          return (
            <li key={member.user.id} className="members-panel__member">
              <Avatar name={member.user.displayName} color={member.user.avatarColor} presence={member.user.presence} size="sm" />
              <span className="members-panel__name">
                {isMe ? t`${name} (you)` : name}
                {member.role === 'owner' && (
                  <span className="members-panel__role">
                    <Trans>Owner</Trans>
                  </span>
                )}
              </span>
              {group.canRemoveMembers && !isMe && (
                <Button variant="ghost" className="members-panel__remove" onClick={() => setConfirming({ kind: 'remove', member })} aria-label={t`Remove ${name}`} disabled={busy}>
                  <Trans>Remove</Trans>
                </Button>
              )}
            </li>
          );
        })}
      </ul>

      {inGroup && (
        <Button variant="danger" onClick={() => setConfirming({ kind: 'leave' })} disabled={busy}>
          <Trans>Leave group</Trans>
        </Button>
      )}

      {confirming?.kind === 'leave' && (
        <ConfirmDialog title={t`Leave ${groupTitle}?`} confirmLabel={t`Leave group`} destructive onConfirm={() => void confirm()} onCancel={() => setConfirming(null)}>
          <p>
            {group.visibility === 'public'
              ? t`You keep the messages so far but get nothing new, and someone has to add you back (or you join again).`
              : t`You keep the messages so far but get nothing new, and someone has to add you back.`}
          </p>
        </ConfirmDialog>
      )}
      {confirming?.kind === 'remove' && (
        <ConfirmDialog
          title={t`Remove ${memberName}?`}
          confirmLabel={t`Remove`}
          destructive
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(null)}
        >
          <p>
            <Trans>
              {memberName} keeps the messages so far but gets nothing new from {groupTitle}.
            </Trans>
          </p>
        </ConfirmDialog>
      )}
    </aside>
  );
}

/** The Add button's words: how many it adds, once someone is chosen. */
function addLabel(count: number): string {
  return count === 0 ? t({ message: 'Add', comment: 'Adds the chosen people to the group (none chosen yet)' }) : plural(count, { one: 'Add # person', other: 'Add # people' });
}
