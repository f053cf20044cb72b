import { useEffect, useRef, type MouseEvent, type PointerEvent } from 'react';

/** How long a finger rests on a message before its actions open (what phones use for their own menus). */
export const LONG_PRESS_MS = 500;
/** A finger that moves further than this is scrolling, not pressing. */
const MOVE_TOLERANCE_PX = 10;

export interface LongPressHandlers {
  onPointerDown(event: PointerEvent): void;
  onPointerMove(event: PointerEvent): void;
  onPointerUp(): void;
  onPointerCancel(): void;
  /** A long-press must not also click what it was on (a link, a quote) when the finger lifts. */
  onClickCapture(event: MouseEvent): void;
  /**
   * Android sends contextmenu for a long-press too: taken here (the long-press opens now, once).
   * Answers whether it was; a mouse's right-click is left to the caller.
   */
  takeContextMenu(event: MouseEvent): boolean;
}

/**
 * A touch (or pen) resting still for LONG_PRESS_MS: `onLongPress` with where it rests. Scrolling
 * cancels it (the browser takes the gesture with pointercancel, or the finger moves), as does lifting
 * the finger early; the mouse never starts one (it has a right button).
 */
export function useLongPress(onLongPress: (point: { x: number; y: number }) => void, enabled: boolean): LongPressHandlers {
  const press = useRef<{ timer: ReturnType<typeof setTimeout>; x: number; y: number } | null>(null);
  const pressed = useRef(false);
  useEffect(() => () => clearTimeout(press.current?.timer), []);

  const cancel = () => {
    if (press.current) clearTimeout(press.current.timer);
    press.current = null;
  };
  const fire = (x: number, y: number) => {
    cancel();
    pressed.current = true;
    // What the browser began to select under the finger is not what the press was for.
    window.getSelection()?.removeAllRanges();
    onLongPress({ x, y });
  };

  return {
    onPointerDown(event) {
      cancel();
      pressed.current = false;
      if (!enabled || event.pointerType === 'mouse' || !event.isPrimary) return;
      const { clientX: x, clientY: y } = event;
      press.current = { timer: setTimeout(() => fire(x, y), LONG_PRESS_MS), x, y };
    },
    onPointerMove(event) {
      const start = press.current;
      if (start && Math.hypot(event.clientX - start.x, event.clientY - start.y) > MOVE_TOLERANCE_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onClickCapture(event) {
      if (!pressed.current) return;
      pressed.current = false;
      event.preventDefault();
      event.stopPropagation();
    },
    takeContextMenu(event) {
      if (press.current) {
        event.preventDefault();
        fire(press.current.x, press.current.y);
        return true;
      }
      if (pressed.current) {
        event.preventDefault();
        return true;
      }
      return false;
    },
  };
}
