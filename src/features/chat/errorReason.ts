import { isChatError } from '../../transport';
import { errorText } from '../../ui/i18n/errors';

/**
 * Why something failed, for the person: a ChatError in their language (errorText). Anything else thrown is
 * a fault, not a refusal: in English its own words (as before), otherwise what an internal error means.
 */
export function errorReason(error: unknown): string {
  return errorText(isChatError(error) ? error : { code: 'INTERNAL', message: error instanceof Error ? error.message : '' });
}
