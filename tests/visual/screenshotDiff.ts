import { PNG } from 'pngjs';

export interface ScreenshotDiff {
  /** Pixels whose colour differs at all. */
  pixels: number;
  /** The largest difference of one colour channel (0-255) over the image; Infinity when the sizes differ. */
  maxChannel: number;
}

/** How two PNG screenshots differ, channel by channel (alpha ignored: page screenshots are opaque). */
export function diffScreenshots(a: Buffer, b: Buffer): ScreenshotDiff {
  const left = PNG.sync.read(a);
  const right = PNG.sync.read(b);
  if (left.width !== right.width || left.height !== right.height) return { pixels: Number.POSITIVE_INFINITY, maxChannel: Number.POSITIVE_INFINITY };
  let pixels = 0;
  let maxChannel = 0;
  for (let i = 0; i < left.data.length; i += 4) {
    const channel = Math.max(Math.abs(left.data[i]! - right.data[i]!), Math.abs(left.data[i + 1]! - right.data[i + 1]!), Math.abs(left.data[i + 2]! - right.data[i + 2]!));
    if (channel > 0) pixels++;
    maxChannel = Math.max(maxChannel, channel);
  }
  return { pixels, maxChannel };
}
