/**
 * Human times for the messenger, all through Intl in the app's language (not the browser's: `?lang=de` in an
 * English browser reads German dates), with no English words glued on. `now` is a parameter so every rule can
 * be tested at a fixed instant; `locale` defaults to the active language.
 */
import { t } from '@lingui/core/macro';
import { formatLocale } from '../i18n/i18n';

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
export function formatClockTime(iso: string, locale: string = formatLocale()): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The conversation list's time: the time today, "Yesterday", a weekday this week, else a date. */
export function formatListTime(iso: string, now: Date, locale: string = formatLocale()): string {
  const date = new Date(iso);
  const days = calendarDaysBetween(date, now);
  if (days <= 0) return formatClockTime(iso, locale);
  if (days === 1) return relativeDay(-1, locale);
  if (days < 7) return new Intl.DateTimeFormat(locale, { weekday: 'short' }).format(date);
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear(date, now) ? {} : { year: 'numeric' }),
  }).format(date);
}

/** A date separator in the message list: "Today", "Yesterday", else a date. */
export function formatDayLabel(iso: string, now: Date, locale: string = formatLocale()): string {
  const date = new Date(iso);
  const days = calendarDaysBetween(date, now);
  if (days <= 1) return relativeDay(-Math.max(0, days), locale);
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

/** "Today", "Yesterday" (`Heute`, `Gestern`…): the locale's own word for a day near today, capitalised as a label. */
function relativeDay(offset: number, locale: string): string {
  const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(offset, 'day');
  return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
}

/** "Last seen 5 minutes ago", "Last seen yesterday", "Last seen on 3 Nov". */
export function formatLastSeen(iso: string | null, now: Date, locale: string = formatLocale()): string {
  if (!iso) return t`Offline`;
  const elapsed = Math.max(0, now.getTime() - new Date(iso).getTime());
  if (elapsed < 60_000) return t`Last seen just now`;
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const step of RELATIVE_STEPS) {
    const amount = Math.floor(elapsed / step.ms);
    if (amount < step.below) {
      const ago = relative.format(-amount, step.unit);
      return t`Last seen ${ago}`;
    }
  }
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
  return t`Last seen on ${date}`;
}
