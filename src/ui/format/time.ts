/**
 * Human times for the messenger, all through Intl so they follow the reader's locale.
 * `now` is a parameter so every rule can be tested at a fixed instant.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days between two instants in local time (0 = same day, 1 = yesterday). */
export function calendarDaysBetween(earlier: Date, later: Date): number {
  const a = new Date(earlier.getFullYear(), earlier.getMonth(), earlier.getDate());
  const b = new Date(later.getFullYear(), later.getMonth(), later.getDate());
  return Math.round((b.getTime() - a.getTime()) / DAY_MS);
}

/** A key for the local calendar day of an ISO time: "2026-11-25". */
export function localDayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function sameYear(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear();
}

/** "14:05" (or "2:05 PM"): the time of day of a message. */
export function formatClockTime(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The conversation list's time: the time today, "Yesterday", a weekday this week, else a date. */
export function formatListTime(iso: string, now: Date, locale?: string): string {
  const date = new Date(iso);
  const days = calendarDaysBetween(date, now);
  if (days <= 0) return formatClockTime(iso, locale);
  if (days === 1) return 'Yesterday';
  if (days < 7) return new Intl.DateTimeFormat(locale, { weekday: 'short' }).format(date);
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear(date, now) ? {} : { year: 'numeric' }),
  }).format(date);
}

/** A date separator in the message list: "Today", "Yesterday", else a date. */
export function formatDayLabel(iso: string, now: Date, locale?: string): string {
  const date = new Date(iso);
  const days = calendarDaysBetween(date, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear(date, now) ? {} : { year: 'numeric' }),
  }).format(date);
}

const RELATIVE_STEPS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; ms: number; below: number }> = [
  { unit: 'minute', ms: 60_000, below: 60 },
  { unit: 'hour', ms: 3_600_000, below: 24 },
  { unit: 'day', ms: DAY_MS, below: 7 },
];

/** "Last seen 5 minutes ago", "Last seen yesterday", "Last seen on 3 Nov". */
export function formatLastSeen(iso: string | null, now: Date, locale?: string): string {
  if (!iso) return 'Offline';
  const elapsed = Math.max(0, now.getTime() - new Date(iso).getTime());
  if (elapsed < 60_000) return 'Last seen just now';
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const step of RELATIVE_STEPS) {
    const amount = Math.floor(elapsed / step.ms);
    if (amount < step.below) return `Last seen ${relative.format(-amount, step.unit)}`;
  }
  return `Last seen on ${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso))}`;
}
