import { t } from '@lingui/core/macro';
import { groupTitleProblem, LIMITS } from '../../client';

/**
 * Why a group title would be refused, in the reader's language; null when it would not. The client's check
 * (the backend's rule) says whether; its words are the backend's English, so its two refusals are said here.
 * Used by "New group" and by renaming in the members panel.
 */
export function titleProblemText(title: string): string | null {
  if (!groupTitleProblem(title)) return null;
  const max = LIMITS.groupTitleMax;
  // Refused at this length it is too long; refused shorter, it is empty once trimmed of blanks and invisible characters.
  return title.trim().length > max ? t`A title can be at most ${max} characters.` : t`A group needs a title.`;
}
