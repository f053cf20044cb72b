import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod/mini';
import { JSON_SCHEMA_EXTRAS, JSON_SCHEMA_RECORDS, scenarioFileSchema } from '../adapters/sim/scenarios/file/scenarioFile';

/** Where the scenario file format is published, for editors (a file's `$schema`) and designers. */
export const SCHEMA_PATH = 'public/scenarios/scenario.schema.json';

/** zod writes a whole number's bounds as ±(2^53 - 1): no bound, said plainly. */
function withoutSafeIntegerBounds<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) =>
    (key === 'maximum' && v === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && v === Number.MIN_SAFE_INTEGER) ? undefined : v,
  ) as T;
}

/** The JSON Schema of a scenario file, from the zod schema the app checks files with. */
export function scenarioJsonSchema(): string {
  const metadata = z.registry<Record<string, unknown>>();
  for (const [schema, extra] of JSON_SCHEMA_EXTRAS) metadata.add(schema, extra);
  // An object from any key (an emoji, a handle) to a value: the value's own JSON Schema, its descriptions included.
  for (const [schema, value] of JSON_SCHEMA_RECORDS) {
    const { $schema: _, ...values } = z.toJSONSchema(value, { io: 'input', metadata, unrepresentable: 'any' });
    metadata.add(schema, { ...metadata.get(schema), additionalProperties: values });
  }
  const schema = z.toJSONSchema(scenarioFileSchema, { io: 'input', metadata, unrepresentable: 'any' });
  return `${JSON.stringify({ ...withoutSafeIntegerBounds(schema), title: 'VioletChat scenario file', description: 'A scenario: public/scenarios/NAME.json opens at ?scenario=NAME (README, "For designers").' }, null, 2)}\n`;
}

// `npx tsx scripts/scenarioSchema.ts` writes it anew (a test fails while the committed copy is stale).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) writeFileSync(SCHEMA_PATH, scenarioJsonSchema());
