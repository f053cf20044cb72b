import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, formatDayLabel, formatLastSeen, formatListTime, localDayKey } from './time';

// Local-time constructors keep the table independent of the machine's time zone.
const now = new Date(2026, 10, 25, 15, 30); // Wed 25 Nov 2026, 15:30
const at = (...parts: [number, number, number, number?, number?]) => new Date(parts[0], parts[1], parts[2], parts[3] ?? 12, parts[4] ?? 0).toISOString();

describe('calendarDaysBetween', () => {
  it.each([
    [new Date(2026, 10, 25, 0, 1), 0],
    [new Date(2026, 10, 24, 23, 59), 1],
    [new Date(2026, 10, 18, 16, 0), 7],
    [new Date(2025, 10, 25, 15, 30), 365],
  ])('%s is %i days before now', (date, days) => {
    expect(calendarDaysBetween(date, now)).toBe(days);
  });
});

describe('formatListTime', () => {
  it.each([
    ['today shows the time', at(2026, 10, 25, 9, 5), '9:05 AM'],
    ['yesterday', at(2026, 10, 24, 23, 0), 'Yesterday'],
    ['this week shows the weekday', at(2026, 10, 21), 'Sat'],
    ['older this year shows day and month', at(2026, 9, 3), 'Oct 3'],
    ['another year adds the year', at(2025, 0, 9), 'Jan 9, 2025'],
  ])('%s', (_, iso, expected) => {
    expect(formatListTime(iso, now, 'en-US')).toBe(expected);
  });
});

describe('formatDayLabel', () => {
  it.each([
    [at(2026, 10, 25, 0, 0), 'Today'],
    [at(2026, 10, 24), 'Yesterday'],
    [at(2026, 10, 20), 'Friday, November 20'],
    [at(2024, 1, 29), 'Thursday, February 29, 2024'],
  ])('%s is "%s"', (iso, expected) => {
    expect(formatDayLabel(iso, now, 'en-US')).toBe(expected);
  });
});

describe('formatLastSeen', () => {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  it.each([
    [null, 'Offline'],
    [ago(20_000), 'Last seen just now'],
    [ago(5 * 60_000), 'Last seen 5 minutes ago'],
    [ago(60_000), 'Last seen 1 minute ago'],
    [ago(3 * 3_600_000), 'Last seen 3 hours ago'],
    [ago(30 * 3_600_000), 'Last seen yesterday'],
    [ago(3 * 86_400_000), 'Last seen 3 days ago'],
    [at(2026, 8, 1), 'Last seen on Sep 1, 2026'],
  ])('%s reads "%s"', (iso, expected) => {
    expect(formatLastSeen(iso, now, 'en-US')).toBe(expected);
  });
});

describe('localDayKey', () => {
  it('names the local calendar day', () => {
    expect(localDayKey(at(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
