import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioIndex, scenarioIndexPlugin } from './scenarioIndexPlugin';
import { SCHEMA_PATH, scenarioJsonSchema } from './scenarioSchema';

const root = mkdtempSync(join(tmpdir(), 'scenario-index-'));
const scenarios = join(root, 'public', 'scenarios');
mkdirSync(scenarios, { recursive: true });
writeFileSync(join(scenarios, 'b-team.json'), JSON.stringify({ title: 'The B team', description: 'Second' }));
writeFileSync(join(scenarios, 'a-start.json'), JSON.stringify({ title: 'A start', description: 'First' }));
writeFileSync(join(scenarios, 'broken.json'), '{ "title": ');
// Two built-ins, listed first and in their own order (scripts/builtInScenarios.ts), not by name.
writeFileSync(join(scenarios, 'typing.json'), JSON.stringify({ title: 'typing', description: 'Maya types', viewport: 'phone' }));
writeFileSync(join(scenarios, 'busy-team.json'), JSON.stringify({ title: 'busy-team', description: 'Many people', viewport: 'wide' }));
writeFileSync(join(scenarios, 'scenario.schema.json'), '{}');
writeFileSync(join(scenarios, 'notes.txt'), 'not a scenario');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the scenario index', () => {
  it('lists the built-ins first in their order, then the other files by name, with their titles; not the schema; a broken file under its name', () => {
    expect(scenarioIndex(scenarios)).toEqual([
      { name: 'busy-team', title: 'busy-team', description: 'Many people' },
      { name: 'typing', title: 'typing', description: 'Maya types', viewport: 'phone' },
      { name: 'a-start', title: 'A start', description: 'First' },
      { name: 'b-team', title: 'The B team', description: 'Second' },
      { name: 'broken', title: 'broken', description: 'This file is not valid JSON: open it to see where.' },
    ]);
    expect(scenarioIndex(join(root, 'nowhere'))).toEqual([]);
  });

  it('the dev server answers scenarios/index.json as the folder is at each request', async () => {
    const server = await createServer({ configFile: false, root, logLevel: 'silent', plugins: [scenarioIndexPlugin()], server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      const url = `${server.resolvedUrls!.local[0]}scenarios/index.json`;
      const names = ['busy-team', 'typing', 'a-start', 'b-team', 'broken'];
      expect(((await (await fetch(url)).json()) as { name: string }[]).map((s) => s.name)).toEqual(names);
      writeFileSync(join(scenarios, 'c-new.json'), JSON.stringify({ title: 'New', description: 'Dropped in' }));
      expect(((await (await fetch(url)).json()) as { name: string }[]).map((s) => s.name)).toEqual([...names, 'c-new']);
    } finally {
      await server.close();
    }
  });

  it('the published JSON Schema is the zod schema\'s (run `npx tsx scripts/scenarioSchema.ts` when this fails)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(scenarioJsonSchema());
  });
});
