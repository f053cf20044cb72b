/**
 * A reaction is one emoji of the Unicode set (RGI: what every platform draws
 * as one picture, skin tones and families included), never free text: "ok",
 * "👍👍" or an unqualified "❤" without its emoji presentation are refused.
 *
 * The exact test needs the RegExp `v` flag (sets of strings), which Node 20 and
 * current browsers have but older ones (Safari before 17, Firefox before 116)
 * do not: there the pattern is a SyntaxError. It is built on first use, not
 * when this module loads (it is in the first screen's code), and where the flag
 * is missing a looser test stands in: one grapheme that is pictographic, a flag
 * or a keycap. The server always has the exact test, so nothing looser is stored.
 */
let exact: RegExp | null | undefined;

function exactPattern(): RegExp | null {
  if (exact === undefined) {
    try {
      exact = new RegExp('^\\p{RGI_Emoji}$', 'v');
    } catch {
      exact = null;
    }
  }
  return exact;
}

const LOOSE = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|[#*0-9]\uFE0F\u20E3)/u;

/** Where the `v` flag is missing: one grapheme, starting as an emoji does. */
export function looseEmoji(value: string): boolean {
  if (!LOOSE.test(value)) return false;
  if (typeof Intl.Segmenter !== 'function') return true;
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(value)].length === 1;
}

/** Longest RGI emoji is a few code units; anything far longer is not one and is not matched at all. */
export const EMOJI_MAX_LENGTH = 32;

export function isReactionEmoji(value: string): boolean {
  if (value.length === 0 || value.length > EMOJI_MAX_LENGTH) return false;
  const pattern = exactPattern();
  return pattern ? pattern.test(value) : looseEmoji(value);
}

/** The six reactions offered before the full list is opened. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;
