import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { physicalDeclarations } from '../../scripts/physicalCss';

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

describe('logical CSS: a right-to-left layout mirrors the whole app', () => {
  it('no stylesheet names a left or right side where inline start or end says it', () => {
    const files = cssFiles('src');
    expect(files.length).toBeGreaterThan(2);
    const found = files.flatMap((file) => physicalDeclarations(readFileSync(file, 'utf8')).map((d) => `${file}:${d.line} ${d.declaration}`));
    expect(found).toEqual([]);
  });

  it.each([
    ['margin-left: 4px;', ['margin-left: 4px']],
    ['  padding-right: 3px', ['padding-right: 3px']],
    ['border-left: 1px solid red;', ['border-left: 1px solid red']],
    ['border-right-color: red;', ['border-right-color: red']],
    ['border-top-left-radius: 5px;', ['border-top-left-radius: 5px']],
    ['right: 0;', ['right: 0']],
    ['left: 14px;', ['left: 14px']],
    ['text-align: right;', ['text-align: right']],
    ['float: left;', ['float: left']],
    ['padding: 6px 10px 7px 11px;', ['padding: 6px 10px 7px 11px']],
    ['margin: 0 calc(1px + 2px) 3px 4px;', ['margin: 0 calc(1px + 2px) 3px 4px']],
    ['left: 50%;', []],
    ['padding: 1px 2px 3px 2px;', []],
    ['padding: 0 8px;', []],
    ['padding: 12px 12px max(12px, env(safe-area-inset-bottom));', []],
    ['padding: 1px calc(2px + 3px) 4px calc(2px + 3px);', []],
    ['margin-inline-start: 4px;', []],
    ['inset-inline-end: 0;', []],
    ['text-align: start;', []],
    ['/* left: 3px; */', []],
    ['transform: translateX(-50%);', []],
  ])('%j → %j', (css, expected) => {
    expect(physicalDeclarations(css).map((d) => d.declaration)).toEqual(expected);
  });
});
