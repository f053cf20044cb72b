import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { ErrorCode } from '../../transport';
import { activeLocale, i18n } from './i18n';

const BY_CODE: Readonly<Record<ErrorCode, MessageDescriptor>> = {
  INVALID_INPUT: msg`Some of the information sent was not valid.`,
  UNAUTHENTICATED: msg`Your session has ended. Please sign in again.`,
  INVALID_CREDENTIALS: msg`That username and password do not match.`,
  USERNAME_TAKEN: msg`That username is already taken.`,
  FORBIDDEN: msg`You do not have access to that.`,
  NOT_FOUND: msg`That could not be found.`,
  METHOD_NOT_ALLOWED: msg`The server does not take that request there.`,
  PAYLOAD_TOO_LARGE: msg`That is too large to send.`,
  RATE_LIMITED: msg`Too many attempts. Please wait a moment and try again.`,
  OFFLINE: msg`You are offline.`,
  TIMEOUT: msg`The server took too long to answer.`,
  INTERNAL: msg`Something went wrong on our side.`,
};

/**
 * What a refusal says to a person. The backend's own words are English and the most precise ("Only the
 * author can edit a message"), so English shows them; another language says what the error's code means,
 * from the catalogue: a server's free text cannot be translated.
 */
export function errorText(error: { code: ErrorCode; message: string }): string {
  if (activeLocale() === 'en' && error.message) return error.message;
  return i18n._(BY_CODE[error.code]);
}
