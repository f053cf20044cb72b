import { t } from '@lingui/core/macro';
import type { Presence } from '../transport';
import { initialsOf, readableTextOn } from './color';
import { VisuallyHidden } from './VisuallyHidden';

export interface AvatarProps {
  name: string;
  color: string;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  /** A group's avatar: a rounded square, a "#" for a public channel, the title's initials for a private group. */
  group?: 'private' | 'public';
  /** Shows a presence dot and says "Online"/"Offline" to assistive technology. */
  presence?: Presence;
}

/** Initials on the user's colour; the name beside it is the accessible text, so the circle is decorative. */
export function Avatar({ name, color, size = 'md', presence, group }: AvatarProps) {
  return (
    <span className={group ? `avatar avatar--${size} avatar--group` : `avatar avatar--${size}`}>
      <span className="avatar__circle" style={{ background: color, color: readableTextOn(color) }} aria-hidden="true">
        {group === 'public' ? '#' : initialsOf(name)}
      </span>
      {presence && <PresenceDot presence={presence} />}
    </span>
  );
}

export function PresenceDot({ presence }: { presence: Presence }) {
  return (
    <>
      <span className={`presence-dot presence-dot--${presence}`} aria-hidden="true" />
      <VisuallyHidden>{presence === 'online' ? t`Online` : t`Offline`}</VisuallyHidden>
    </>
  );
}
