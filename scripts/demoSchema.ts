import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod/mini';
import { DEMO_JSON_SCHEMA_EXTRAS, demoFileSchema } from '../adapters/sim/demos/demoFile';

/** Where the demo file format is published, for editors (a file's `$schema`) and designers. */
export const DEMO_SCHEMA_PATH = 'public/demos/demo.schema.json';

/** The JSON Schema of a scripted demo file, from the zod schema the app checks demo files with. */
export function demoJsonSchema(): string {
  const metadata = z.registry<Record<string, unknown>>();
  for (const [schema, extra] of DEMO_JSON_SCHEMA_EXTRAS) metadata.add(schema, extra);
  const schema = z.toJSONSchema(demoFileSchema, { io: 'input', metadata, unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'VioletChat scripted demo', description: 'A scripted demo: public/demos/NAME.json plays at ?demo=NAME, from a scenario, step by step.' }, null, 2)}\n`;
}

// `npx tsx scripts/demoSchema.ts` writes it anew (a test fails while the committed copy is stale).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) writeFileSync(DEMO_SCHEMA_PATH, demoJsonSchema());
