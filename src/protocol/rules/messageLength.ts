import { LIMITS } from '../limits';

/**
 * How long a message body is, as LIMITS.bodyMaxChars counts it: the code
 * points of the body as it is stored (trimmed, as the schema trims it). The
 * composer's counter, the protocol schema and the service's pre-check all
 * count with this, so what the composer lets through is never refused.
 *
 * Code points, not UTF-16 units: an emoji is one character to a person, not
 * two. Not grapheme clusters either, though "👍🏽" is one of those and two code
 * points: clusters are segmented by Unicode tables that differ between
 * browsers, Node and database versions, so the same text could pass one side
 * and fail the other; and a cluster has no size bound (any number of
 * combining marks stack on one letter), so a limit in clusters would not
 * bound what is stored. A code point is at most 4 bytes of UTF-8 everywhere.
 */
export function messageLength(body: string): number {
  const text = body.trim();
  let length = text.length;
  // Each surrogate pair is two UTF-16 units but one code point; a lone surrogate counts as one.
  for (let i = 0; i < text.length - 1; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      length -= 1;
      i += 1;
    }
  }
  return length;
}

/** Over the limit: refused as PAYLOAD_TOO_LARGE by every backend, not sendable in the composer. */
export function isMessageTooLong(body: string): boolean {
  return messageLength(body) > LIMITS.bodyMaxChars;
}

export const MESSAGE_TOO_LONG = `A message can be at most ${LIMITS.bodyMaxChars} characters.`;

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
