import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { MessageStatus } from '../transport';
import { i18n } from './i18n/i18n';

/** The ticks' accessible names (descriptors: a table at module level is read before the language is chosen). */
const LABELS: Record<MessageStatus, MessageDescriptor> = {
  pending: msg`Sending`,
  sent: msg`Sent`,
  delivered: msg`Delivered`,
  read: msg`Read`,
  failed: msg`Failed to send`,
};

/** The delivery state of one of my messages: clock, one tick, two ticks, two coloured ticks. */
export function MessageTicks({ status }: { status: MessageStatus }) {
  const label = i18n._(LABELS[status]);
  return (
    <svg className={`ticks ticks--${status}`} role="img" aria-label={label} width="18" height="12" viewBox="0 0 18 12" focusable="false">
      <title>{label}</title>
      {status === 'pending' && (
        <g fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
          <circle cx="9" cy="6" r="5" />
          <path d="M9 3.5V6l1.7 1.2" />
        </g>
      )}
      {status === 'sent' && <path d="m3.5 6.2 2.7 2.7L13 2.2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />}
      {(status === 'delivered' || status === 'read') && (
        <g fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
          <path d="m1 6.2 2.7 2.7L10.4 2.2" />
          <path d="m7.3 8.4.5.5 6.7-6.7" />
        </g>
      )}
      {status === 'failed' && (
        <g fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
          <circle cx="9" cy="6" r="5" />
          <path d="M9 3.5v3M9 8.6v.1" />
        </g>
      )}
    </svg>
  );
}
