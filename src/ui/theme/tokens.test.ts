import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../color';

/** The hex colour tokens of one theme block in tokens.css. */
function tokens(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]));
}

const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
const light = tokens(css, ':root');
const dark = { ...light, ...tokens(css, ":root[data-theme='dark']") };

/** Text on its background: every pair the components use for words must reach WCAG AA (4.5:1). */
const TEXT_PAIRS: ReadonlyArray<[string, string]> = [
  ['c-text', 'c-bg'],
  ['c-text', 'c-surface'],
  ['c-text-muted', 'c-surface'],
  ['c-text-muted', 'c-bg'],
  ['c-text-muted', 'c-surface-hover'],
  ['c-text-muted', 'c-surface-active'],
  ['c-text-muted', 'c-chat-bg'],
  ['c-text-muted', 'c-input-bg'],
  ['c-heading', 'c-surface-active'],
  ['c-on-primary', 'c-primary'],
  ['c-on-primary', 'c-primary-hover'],
  ['c-on-badge', 'c-badge'],
  ['c-primary-text', 'c-surface'],
  ['c-primary-text', 'c-primary-soft'],
  ['c-primary-text', 'c-surface-active'],
  ['c-bubble-in-text', 'c-bubble-in'],
  ['c-bubble-out-text', 'c-bubble-out'],
  ['c-bubble-meta', 'c-bubble-in'],
  ['c-bubble-meta-out', 'c-bubble-out'],
  ['c-link', 'c-bubble-in'],
  ['c-link', 'c-bubble-out'],
  ['c-danger', 'c-surface'],
  ['c-danger', 'c-danger-soft'],
  ['c-danger', 'c-chat-bg'],
  ['c-warning-text', 'c-warning-soft'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_, theme) => {
  it.each(TEXT_PAIRS)('%s on %s reaches 4.5:1', (text, background) => {
    expect(theme[text], text).toBeDefined();
    expect(theme[background], background).toBeDefined();
    expect(contrastRatio(theme[text]!, theme[background]!)).toBeGreaterThanOrEqual(4.5);
  });

  it('draws read ticks at 3:1 against my bubble (a graphic)', () => {
    expect(contrastRatio(theme['c-tick-read']!, theme['c-bubble-out']!)).toBeGreaterThanOrEqual(3);
  });
});
