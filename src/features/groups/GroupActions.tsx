import { Trans } from '@lingui/react/macro';
import { lazy, Suspense, useState } from 'react';
import { Button } from '../../ui/Button';
import { HashIcon, PlusIcon } from '../../ui/icons';

// The dialogs load when first opened: most visits open neither, and the first load has a size budget.
const NewGroupDialog = lazy(async () => ({ default: (await import('./NewGroupDialog')).NewGroupDialog }));
const BrowseChannelsDialog = lazy(async () => ({ default: (await import('./BrowseChannelsDialog')).BrowseChannelsDialog }));

export interface GroupActionsProps {
  /** Open a conversation (the group just made, or the channel just joined). */
  onOpen(conversationId: string): void;
}

/** "New group" and "Browse channels", above the conversation list. */
export function GroupActions({ onOpen }: GroupActionsProps) {
  const [open, setOpen] = useState<'new' | 'browse' | null>(null);
  const close = () => setOpen(null);
  const opened = (id: string) => {
    setOpen(null);
    onOpen(id);
  };
  return (
    <div className="group-actions">
      <Button variant="ghost" icon={<PlusIcon size={18} />} onClick={() => setOpen('new')}>
        <Trans>New group</Trans>
      </Button>
      <Button variant="ghost" icon={<HashIcon size={18} />} onClick={() => setOpen('browse')}>
        <Trans>Browse channels</Trans>
      </Button>
      <Suspense fallback={null}>
        {open === 'new' && <NewGroupDialog onClose={close} onCreated={opened} />}
        {open === 'browse' && <BrowseChannelsDialog onClose={close} onJoined={opened} />}
      </Suspense>
    </div>
  );
}
