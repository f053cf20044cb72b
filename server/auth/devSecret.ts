import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The JWT secret for development: generated once and kept under the data
 * directory, so sessions survive a restart without any setup.
 */
export function loadOrCreateDevSecret(dataDir: string): { secret: string; created: boolean } {
  const path = join(dataDir, 'jwt-secret');
  try {
    const secret = readFileSync(path, 'utf8').trim();
    if (secret.length >= 32) return { secret, created: false };
  } catch {
    // Not there yet: create it below.
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(path, secret + '\n', { mode: 0o600 });
  return { secret, created: true };
}
