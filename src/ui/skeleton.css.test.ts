import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const tokens = readFileSync(new URL('./theme/tokens.css', import.meta.url), 'utf8');
const css = readFileSync(new URL('./ui.css', import.meta.url), 'utf8');

describe('skeleton styles', () => {
  it.each([
    ['light', tokens.slice(0, tokens.indexOf(":root[data-theme='dark']"))],
    ['dark', tokens.slice(tokens.indexOf(":root[data-theme='dark']"))],
  ])('take their colours from the %s theme', (_, block) => {
    expect(block).toMatch(/--c-skeleton:\s*#[0-9a-f]{6};/i);
    expect(block).toMatch(/--c-skeleton-shine:/);
  });

  it('stop shining for those who ask for reduced motion', () => {
    const reduced = css.slice(css.indexOf('@media (prefers-reduced-motion: reduce)'));
    expect(reduced).toMatch(/\.skeleton__block\s*\{[^}]*animation:\s*none/);
  });
});
