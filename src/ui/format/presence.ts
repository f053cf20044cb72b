import { t } from '@lingui/core/macro';
import type { UserWithPresence } from '../../client';
import { formatLastSeen } from './time';

/** "Online", or when they were last around. */
export function presenceLine(user: Pick<UserWithPresence, 'presence' | 'lastSeen'>, now: Date, locale?: string): string {
  return user.presence === 'online' ? t`Online` : formatLastSeen(user.lastSeen, now, locale);
}
