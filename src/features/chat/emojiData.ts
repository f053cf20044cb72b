import data from 'unicode-emoji-json/data-by-group.json';
import type { EmojiGroup } from './emojiGrid';

/**
 * The Unicode emoji list by group, with names: ~40 kB gzip, so a chunk of its own that the reaction
 * picker loads when it first opens. It imports nothing else, so loading it lazily changes nothing in
 * how the rest of the app is split.
 */
export const EMOJI_GROUPS: EmojiGroup[] = data.map((group) => ({
  name: group.name,
  emojis: group.emojis.map((entry) => ({ emoji: entry.emoji, name: entry.name })),
}));
