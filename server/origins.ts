/** Which browser origins may call the server: a list, or '*' for any. */
export type AllowedOrigins = readonly string[] | '*';

/** Browser pages the dev setup serves from (vite dev and preview). */
export const DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:4173', 'http://127.0.0.1:4173'];

export function parseOrigins(value: string | undefined): AllowedOrigins {
  if (value === undefined || value.trim() === '') return DEV_ORIGINS;
  if (value.trim() === '*') return '*';
  return value
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/**
 * A request with no Origin header comes from a non-browser client (a test, a
 * bot, curl), which CORS could not stop anyway; browsers always send one.
 */
export function originAllowed(allowed: AllowedOrigins, origin: string | undefined): boolean {
  if (origin === undefined) return true;
  return allowed === '*' || allowed.includes(origin);
}
