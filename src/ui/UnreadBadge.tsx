import { plural } from '@lingui/core/macro';
import { formatLocale } from './i18n/i18n';

/** The unread count for the eye, "N unread" for the ear; digits in the reader's locale. */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  const digits = new Intl.NumberFormat(formatLocale());
  return (
    <span className="unread-badge">
      <span aria-hidden="true">{count > 999 ? `${digits.format(999)}+` : digits.format(count)}</span>
      <span className="visually-hidden">{plural(count, { one: '# unread', other: '# unread' })}</span>
    </span>
  );
}
