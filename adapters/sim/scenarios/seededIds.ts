import type { Random } from '../random';

/**
 * UUID-shaped ids from a seeded random source: the same scenario gets the
 * same ids on every load, so its URLs (#/c/<id>) and local cache name repeat.
 */
export function seededIds(random: Random): () => string {
  return () => {
    const bytes = Array.from({ length: 16 }, () => Math.floor(random.next() * 256));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
