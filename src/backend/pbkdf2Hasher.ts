import type { PasswordHasher } from './ports';

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA256. */
export const PBKDF2_MIN_ITERATIONS = 600_000;

const encoder = new TextEncoder();

/**
 * Password hashing with WebCrypto PBKDF2-SHA256, for the in-browser backend
 * (the server uses argon2id). Stored as `pbkdf2-sha256$iterations$salt$hash`
 * in base64, so the cost can be raised later without breaking old hashes.
 */
export class Pbkdf2Hasher implements PasswordHasher {
  constructor(private readonly iterations = PBKDF2_MIN_ITERATIONS) {
    if (iterations < PBKDF2_MIN_ITERATIONS) throw new Error(`PBKDF2 needs at least ${PBKDF2_MIN_ITERATIONS} iterations`);
  }

  async hash(password: string): Promise<string> {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const derived = await derive(password, salt, this.iterations);
    return `pbkdf2-sha256$${this.iterations}$${toBase64(salt)}$${toBase64(derived)}`;
  }

  async verify(stored: string, password: string): Promise<boolean> {
    // A malformed stored hash is a failed check, never a crash of the login.
    const parsed = parseStored(stored);
    if (!parsed) return false;
    const derived = await derive(password, parsed.salt, parsed.iterations);
    return constantTimeEqual(derived, parsed.hash);
  }
}

function parseStored(stored: string): { iterations: number; salt: Uint8Array; hash: Uint8Array } | null {
  const [scheme, iterations, salt, hash, ...rest] = stored.split('$');
  const count = Number(iterations);
  if (scheme !== 'pbkdf2-sha256' || rest.length > 0 || !Number.isSafeInteger(count) || count < 1 || !salt || !hash) return null;
  try {
    return { iterations: count, salt: fromBase64(salt), hash: fromBase64(hash) };
  } catch {
    return null; // not base64
  }
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
