import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_SCHEMA_PATH, demoJsonSchema } from './demoSchema';

describe('the published demo file format', () => {
  it('is the zod schema\'s (run `npx tsx scripts/demoSchema.ts` when this fails)', () => {
    expect(readFileSync(DEMO_SCHEMA_PATH, 'utf8')).toBe(demoJsonSchema());
  });

  it('describes the steps a designer writes, each kind under "do"', () => {
    const schema = JSON.parse(demoJsonSchema()) as { required: string[]; properties: { steps: { items: { oneOf: { properties: { do: { const: string } } }[] } } } };
    expect(schema.required).toEqual(['title', 'description', 'scenario', 'steps']);
    expect(schema.properties.steps.items.oneOf.map((step) => step.properties.do.const)).toEqual(['type', 'send', 'react', 'read', 'network', 'createGroup', 'open']);
  });
});
