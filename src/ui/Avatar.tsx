import type { Presence } from '../transport';
import { initialsOf, readableTextOn } from './color';
import { VisuallyHidden } from './VisuallyHidden';

export interface AvatarProps {
  name: string;
  color: string;
  size?: 'sm' | 'md' | 'lg';
  /** Shows a presence dot and says "Online"/"Offline" to assistive technology. */
  presence?: Presence;
}

/** Initials on the user's colour; the name beside it is the accessible text, so the circle is decorative. */
export function Avatar({ name, color, size = 'md', presence }: AvatarProps) {
  return (
    <span className={`avatar avatar--${size}`}>
      <span className="avatar__circle" style={{ background: color, color: readableTextOn(color) }} aria-hidden="true">
        {initialsOf(name)}
      </span>
      {presence && <PresenceDot presence={presence} />}
    </span>
  );
}

export function PresenceDot({ presence }: { presence: Presence }) {
  return (
    <>
      <span className={`presence-dot presence-dot--${presence}`} aria-hidden="true" />
      <VisuallyHidden>{presence === 'online' ? 'Online' : 'Offline'}</VisuallyHidden>
    </>
  );
}
