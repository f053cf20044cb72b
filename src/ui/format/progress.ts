/** Counted work as a sentence: "Syncing 3 of 20 conversations", numbers in the reader's locale. */
export function countedProgress(verb: string, done: number, total: number, unit: string, locale?: string): string {
  const number = new Intl.NumberFormat(locale);
  return `${verb} ${number.format(done)} of ${number.format(total)} ${unit}`;
}

/** How far, in percent (0 to 100) for a bar; 0 when there is nothing to count. */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}
