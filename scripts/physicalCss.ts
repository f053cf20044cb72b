/**
 * Declarations that name a physical side (left or right) where a logical one (inline start or end)
 * says the same in a left-to-right layout and mirrors in a right-to-left one. What the app's CSS may
 * not use, so `dir="rtl"` mirrors the whole layout (tests/lint/logicalCss.test.ts).
 */
export interface PhysicalDeclaration {
  line: number;
  declaration: string;
}

const PHYSICAL = [
  /^(margin|padding)-(left|right)$/,
  /^border-(left|right)(-\w+)?$/,
  /^border-(top|bottom)-(left|right)-radius$/,
  /^(left|right)$/,
  /^(scroll-margin|scroll-padding)-(left|right)$/,
];

/** Values that name a side. */
const SIDED_VALUE: Record<string, RegExp> = {
  'text-align': /^(left|right)$/,
  float: /^(left|right)$/,
  clear: /^(left|right)$/,
};

/**
 * Each physical declaration in a stylesheet. Allowed: `left: 50%` (centring with translateX(-50%) is the
 * same either way), and a four-value margin or padding only when its left and right are equal.
 */
export function physicalDeclarations(css: string): PhysicalDeclaration[] {
  const found: PhysicalDeclaration[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  text.split('\n').forEach((raw, index) => {
    const match = /^\s*([a-z-]+)\s*:\s*([^;{}]+);?\s*$/.exec(raw);
    if (!match) return;
    const [, property, rawValue] = match as unknown as [string, string, string];
    const value = rawValue.trim();
    const physical =
      (PHYSICAL.some((p) => p.test(property)) && !(property === 'left' && value === '50%')) ||
      (SIDED_VALUE[property]?.test(value) ?? false) ||
      ((property === 'margin' || property === 'padding') && unevenSides(value));
    if (physical) found.push({ line: index + 1, declaration: `${property}: ${value}` });
  });
  return found;
}

/** A four-value shorthand whose right (second) and left (fourth) differ. */
function unevenSides(value: string): boolean {
  const parts = topLevelParts(value);
  return parts.length === 4 && parts[1] !== parts[3];
}

/** A value's space-separated parts, a function's arguments (with their spaces) kept in one part. */
function topLevelParts(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (const char of value) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (/\s/.test(char) && depth === 0) {
      if (part) parts.push(part);
      part = '';
    } else part += char;
  }
  if (part) parts.push(part);
  return parts;
}
