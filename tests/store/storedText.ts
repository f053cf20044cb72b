import Database from 'better-sqlite3';
import type Dexie from 'dexie';

// What a store keeps, read around the store, as text: the store suite looks
// there for a deleted message's body, which must be nowhere ("really gone").

/** Every string inside `value`, walked through objects, arrays, Maps and Sets (class instances' fields, private ones too). */
export function stringsIn(value: unknown, seen = new Set<object>()): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const parts: unknown[] = value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : Object.values(value);
  return parts.flatMap((part) => stringsIn(part, seen));
}

/** Every row of every table of a Dexie database. */
export async function dexieText(db: Dexie): Promise<string> {
  const tables = await Promise.all(db.tables.map((table) => table.toArray()));
  return JSON.stringify(tables);
}

/** Every row of every table of a SQLite file, read through a connection of its own (what has committed). */
export function sqliteText(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return JSON.stringify(tables.map(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all()));
  } finally {
    db.close();
  }
}
