import * as z from 'zod/mini';

/**
 * A UTF-16 surrogate with no partner: no character at all, which UTF-8
 * encoders replace or refuse. With the `u` flag a proper pair is one code
 * point, so only lone halves match.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A string every backend can store and every client can show, the only string
 * schema inputs use: no NUL (PostgreSQL refuses it in text, SQLite stores it)
 * and no lone surrogate.
 */
export function text(): z.ZodMiniString<string> {
  return z.string().check(
    z.refine((value) => !value.includes('\u0000') && !LONE_SURROGATE.test(value), {
      message: 'Text may not contain NUL or broken characters.',
      abort: true,
    }),
  );
}

/**
 * Characters that change how the text around them is shown without showing
 * themselves: direction overrides, embeddings, isolates and marks (which can
 * make "alice" read as someone else), zero-width spaces, joiners outside a
 * sequence, the word joiner, invisible operators, the byte-order mark, the
 * soft hyphen. A zero-width joiner or non-joiner between two non-ASCII
 * characters stays: emoji sequences and several scripts need it.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;
const STRAY_JOINER = /(?<!\P{ASCII})[\u200C\u200D]|[\u200C\u200D](?!\P{ASCII})/gu;

/** A name as shown to others, without the invisible characters that could disguise it. */
export function stripInvisible(name: string): string {
  let out = name.replace(INVISIBLE, '');
  // Removing one joiner can leave another stray at the new edge.
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(STRAY_JOINER, '');
  }
  return out;
}
