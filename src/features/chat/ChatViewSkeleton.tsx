import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { SkeletonRows } from '../../ui/SkeletonRows';
import { VisuallyHidden } from '../../ui/VisuallyHidden';

/**
 * A conversation's frame before it can be shown: while its code loads (the
 * app loads the chat view when it is first needed) and while the conversation
 * is not in the cache yet (a first sync on its way). One frame for both, so
 * the screen does not change shape between them.
 */
export function ChatViewSkeleton() {
  return (
    <section className="chat-view chat-view--loading" aria-label={t`Conversation`} aria-busy="true">
      <div className="message-list message-list--skeleton">
        <div className="message-list__opening">
          <SkeletonRows kind="messages" count={8} />
        </div>
      </div>
      <VisuallyHidden>
        <Trans>Opening conversation</Trans>
      </VisuallyHidden>
    </section>
  );
}
