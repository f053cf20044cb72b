/**
 * A reaction is one emoji of the Unicode set (RGI: what every platform draws
 * as one picture, skin tones and families included), never free text: "ok",
 * "👍👍" or an unqualified "❤" without its emoji presentation are refused.
 * Built with `new RegExp` because the `v` flag (sets of strings) is newer than
 * the compile target; every engine we run on (Node 20, Chromium) has it.
 */
const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

/** Longest RGI emoji is a few code units; anything far longer is not one and is not matched at all. */
export const EMOJI_MAX_LENGTH = 32;

export function isReactionEmoji(value: string): boolean {
  return value.length > 0 && value.length <= EMOJI_MAX_LENGTH && RGI_EMOJI.test(value);
}

/** The six reactions offered before the full list is opened. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;
