import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { directionOf, horizontalStep } from './direction';
import { placeMenu, type MenuAnchor } from './menuPlacement';

export type { MenuAnchor } from './menuPlacement';

export interface MenuProps {
  /** The menu's accessible name. */
  label: string;
  anchor: MenuAnchor;
  /** A sheet along the bottom of the screen (a phone's long-press) rather than a popover by the anchor. */
  sheet?: boolean;
  /**
   * Escape, Tab or a press outside. The owner unmounts the menu and puts focus back where it belongs
   * (the menu does not know what opened it: a button, a message, a long-press).
   */
  onClose(): void;
  /** A selector inside the menu for the item focused first; else the first item. */
  initialFocus?: string;
  className?: string;
  children: ReactNode;
}

const ITEMS = '[role="menuitem"], [role="menuitemcheckbox"], [role="menuitemradio"]';

/**
 * An ARIA menu (role=menu of menuitems) shown while mounted, in <body> above the page: focus moves
 * into it, the arrow keys move between its items (Up/Down and Left/Right alike, wrapping; a row of
 * items such as reactions is walked the same way; right to left, Left is the next and Right the
 * previous), Home and End go to either end, a letter to the next item starting with it; Escape, Tab
 * and a press outside it close it. A press outside is taken by a layer under the menu, so it closes
 * the menu without also doing what was under it. It opens by its anchor's inline-start edge.
 */
export function Menu({ label, anchor, sheet = false, onClose, initialFocus, className, children }: MenuProps) {
  const menu = useRef<HTMLDivElement>(null);

  // Placed before it paints, by its measured size, so it never shows at the wrong place first.
  useLayoutEffect(() => {
    const element = menu.current;
    if (!element || sheet) return;
    const { left, top } = placeMenu(
      anchor,
      { width: element.offsetWidth, height: element.offsetHeight },
      { width: window.innerWidth, height: window.innerHeight },
      directionOf(element),
    );
    element.style.left = `${left}px`;
    element.style.top = `${top}px`;
  }, [anchor, sheet]);

  useEffect(() => {
    const element = menu.current;
    const first = (initialFocus ? element?.querySelector<HTMLElement>(initialFocus) : null) ?? element?.querySelector<HTMLElement>(ITEMS);
    first?.focus();
  }, [initialFocus]);

  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => {
      event.preventDefault();
      items[(index + items.length) % items.length]!.focus();
    };
    // Nothing focused yet (at -1): forward goes to the first item, back to the last.
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : horizontalStep(event.key, directionOf(event.currentTarget));
    if (step !== 0) return go(at < 0 && step < 0 ? -1 : at + step);
    switch (event.key) {
      case 'Home':
        return go(0);
      case 'End':
        return go(-1);
      case 'Escape':
      case 'Tab':
        event.preventDefault();
        event.stopPropagation();
        return onClose();
    }
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const next = nextByLetter(items, at, event.key);
      if (next >= 0) go(next);
    }
  }

  // In <body>: no ancestor's overflow clips it and no ancestor's styles reach into it.
  return createPortal(
    <div
      className={sheet ? 'menu-layer menu-layer--sheet' : 'menu-layer'}
      onPointerDown={(event) => {
        if (event.target === event.currentTarget) {
          event.preventDefault();
          onClose();
        }
      }}
      // The browser's own menu over this one (a second right-click, the menu key) would only be in the way.
      onContextMenu={(event) => event.preventDefault()}
    >
      <div ref={menu} role="menu" aria-label={label} className={['menu', sheet && 'menu--sheet', className].filter(Boolean).join(' ')} onKeyDown={keyDown}>
        {children}
      </div>
    </div>,
    document.body,
  );
}

/** The next item after `from` (wrapping) whose visible words start with `letter`; -1 when none does. */
function nextByLetter(items: readonly HTMLElement[], from: number, letter: string): number {
  const wanted = letter.toLocaleLowerCase();
  for (let step = 1; step <= items.length; step++) {
    const index = (from + step) % items.length;
    if (items[index]!.textContent?.trim().toLocaleLowerCase().startsWith(wanted)) return index;
  }
  return -1;
}

export interface MenuItemProps {
  children: ReactNode;
  icon?: ReactNode;
  onSelect(): void;
  /** An accessible name other than the visible words (an emoji's "React with 👍"). */
  label?: string;
  title?: string;
  /** A toggle: role=menuitemcheckbox with this state. */
  checked?: boolean;
  /** Shown but refused (focusable, as menus keep their items): `title` says why. */
  disabled?: boolean;
  danger?: boolean;
  className?: string;
}

/** One item of a Menu: focused by the menu's keys (never by Tab), chosen by click, Enter or Space. */
export function MenuItem({ children, icon, onSelect, label, title, checked, disabled = false, danger = false, className }: MenuItemProps) {
  return (
    <button
      type="button"
      role={checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
      aria-checked={checked}
      aria-label={label}
      aria-disabled={disabled || undefined}
      title={title}
      tabIndex={-1}
      className={['menu__item', danger && 'menu__item--danger', className].filter(Boolean).join(' ')}
      onClick={() => {
        if (!disabled) onSelect();
      }}
    >
      {icon}
      {children}
    </button>
  );
}
