import { describe, expect, it } from 'vitest';
import { budgetsFrom, largestParts, overBudget, withStaticImports } from './sizeBudget';

const chunks = new Map([
  ['index.js', { imports: ['vendor.js'] }],
  ['vendor.js', { imports: ['shared.js'] }],
  ['shared.js', { imports: ['vendor.js'] }],
  ['chat.js', { imports: ['shared.js'] }],
  ['lonely.js', { imports: [] }],
]);

describe('withStaticImports', () => {
  it.each([
    ['an entry with what it imports, transitively, through a cycle', ['index.js'], ['index.js', 'vendor.js', 'shared.js']],
    ['a lazily loaded chunk with what it imports', ['chat.js'], ['chat.js', 'shared.js', 'vendor.js']],
    ['two starting points, each file once', ['index.js', 'lonely.js'], ['index.js', 'vendor.js', 'shared.js', 'lonely.js']],
    ['nothing for a name that is no chunk', ['missing.js'], []],
  ])('%s', (_what, keys, expected) => {
    expect([...withStaticImports(chunks, keys)]).toEqual(expected);
  });
});

describe('largestParts', () => {
  const root = '/repo';
  it('groups packages by name and our code by folder (a feature by its own), the largest first, as shares', () => {
    const modules = {
      '/repo/node_modules/react-dom/cjs/client.js': { renderedLength: 500 },
      '/repo/node_modules/@scope/lib/index.js': { renderedLength: 100 },
      '/repo/src/client/engine/userEngine.ts': { renderedLength: 150 },
      '/repo/src/client/sync/apply.ts': { renderedLength: 50 },
      '/repo/src/features/chat/ChatView.tsx': { renderedLength: 120 },
      '/repo/src/features/auth/AuthForm.tsx': { renderedLength: 80 },
    };
    expect(largestParts(modules, root)).toBe('react-dom 50%, src/client 20%, src/features/chat 12%, @scope/lib 10%, src/features/auth 8%');
    expect(largestParts(modules, root, 2)).toBe('react-dom 50%, src/client 20%');
  });

  it('names a module outside the project by its id, and copes with an empty chunk', () => {
    expect(largestParts({ '\0vite/preload-helper.js': { renderedLength: 10 } }, root)).toBe('\0vite/preload-helper.js 100%');
    expect(largestParts({}, root)).toBe('');
  });
});

describe('overBudget', () => {
  const load = {
    initial: 130 * 1024 + 1,
    initialFiles: [
      { file: 'assets/index-abc.js', gzip: 120 * 1024, parts: 'react-dom 57%, dexie 21%' },
      { file: 'assets/vendor-def.js', gzip: 10 * 1024 + 1, parts: 'zod 100%' },
    ],
  };

  it('is null within the budget, the limit included', () => {
    expect(overBudget('sim', { ...load, initial: 130 * 1024 }, 130, 'size-budget.json')).toBeNull();
  });

  it('over it, names the mode, the size against the budget and the file, and each file with its size and largest parts', () => {
    const refusal = overBudget('socket', load, 130, 'size-budget.json');
    expect(refusal).toContain("the socket build's first load is 130.0 kB, over its budget of 130.0 kB (size-budget.json)");
    expect(refusal).toContain('assets/index-abc.js  120.0 kB  (largest parts: react-dom 57%, dexie 21%)');
    expect(refusal).toContain('assets/vendor-def.js  10.0 kB  (largest parts: zod 100%)');
    expect(refusal).toContain('raise the budget only as a deliberate, reviewed edit');
  });
});

describe('budgetsFrom', () => {
  it('reads a positive number of kB per mode', () => {
    expect(budgetsFrom({ initialKb: { sim: 130, msw: 131, socket: 129.5 } }, 'b.json')).toEqual({ sim: 130, msw: 131, socket: 129.5 });
  });

  it.each([
    ['no budgets at all', {}],
    ['a mode missing', { initialKb: { sim: 130, msw: 130 } }],
    ['a budget that is not a number', { initialKb: { sim: '130', msw: 130, socket: 130 } }],
    ['a budget of zero', { initialKb: { sim: 0, msw: 130, socket: 130 } }],
    ['not an object', null],
  ])('refuses %s, naming the file', (_what, json) => {
    expect(() => budgetsFrom(json, 'b.json')).toThrow(/b\.json has no positive number at initialKb\./);
  });
});
