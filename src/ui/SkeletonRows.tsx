import type { ReactNode } from 'react';

/** Widths that vary from row to row the same way on every load (screenshots compare loads). */
const LINE_WIDTHS = ['62%', '48%', '70%', '55%', '40%', '66%', '52%', '58%'];
const BUBBLE_WIDTHS = ['46%', '30%', '58%', '38%', '52%', '26%', '44%'];

/**
 * Shapes of what is coming (conversation rows, message bubbles) while it
 * loads, so the screen has its frame rather than going blank. Hidden from
 * assistive technology: a status beside them says what is happening. The
 * shimmer follows the theme's colours and stops for reduced motion (CSS).
 */
export function SkeletonRows({ kind, count }: { kind: 'conversations' | 'messages'; count: number }) {
  return (
    <div className={`skeleton skeleton--${kind}`} aria-hidden="true">
      {Array.from({ length: count }, (_, i) =>
        kind === 'conversations' ? (
          <div key={i} className="skeleton__row">
            <span className="skeleton__block skeleton__avatar" />
            <span className="skeleton__lines">
              <span className="skeleton__block skeleton__line" style={{ width: LINE_WIDTHS[i % LINE_WIDTHS.length] }} />
              <span className="skeleton__block skeleton__line skeleton__line--faint" style={{ width: LINE_WIDTHS[(i + 3) % LINE_WIDTHS.length] }} />
            </span>
          </div>
        ) : (
          <div key={i} className={i % 3 === 2 ? 'skeleton__bubble-row skeleton__bubble-row--mine' : 'skeleton__bubble-row'}>
            <span className="skeleton__block skeleton__bubble" style={{ width: BUBBLE_WIDTHS[i % BUBBLE_WIDTHS.length] }} />
          </div>
        ),
      )}
    </div>
  );
}

/** A list that is not there yet: what is happening, and rows in its shape. */
export function LoadingList({ status, rows = 8 }: { status: ReactNode; rows?: number }) {
  return (
    <div className="loading-list">
      {status}
      <SkeletonRows kind="conversations" count={rows} />
    </div>
  );
}
