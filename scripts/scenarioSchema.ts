import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod/mini';
import { JSON_SCHEMA_EXTRAS, scenarioFileSchema } from '../adapters/sim/scenarios/file/scenarioFile';

/** Where the scenario file format is published, for editors (a file's `$schema`) and designers. */
export const SCHEMA_PATH = 'public/scenarios/scenario.schema.json';

/** The JSON Schema of a scenario file, from the zod schema the app checks files with. */
export function scenarioJsonSchema(): string {
  const metadata = z.registry<Record<string, unknown>>();
  for (const [schema, extra] of JSON_SCHEMA_EXTRAS) metadata.add(schema, extra);
  const schema = z.toJSONSchema(scenarioFileSchema, { io: 'input', metadata, unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'VioletChat scenario file', description: 'A designer scenario: public/scenarios/NAME.json opens at ?scenario=NAME.' }, null, 2)}\n`;
}

// `npx tsx scripts/scenarioSchema.ts` writes it anew (a test fails while the committed copy is stale).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) writeFileSync(SCHEMA_PATH, scenarioJsonSchema());
