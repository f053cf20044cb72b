import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { diffScreenshots } from './screenshotDiff';

/** A 3x2 opaque PNG, white but for the given pixels. */
function png(pixels: Record<number, [number, number, number]> = {}, width = 3, height = 2): Buffer {
  const image = new PNG({ width, height });
  for (let p = 0; p < width * height; p++) {
    const [r, g, b] = pixels[p] ?? [255, 255, 255];
    image.data.set([r, g, b, 255], p * 4);
  }
  return PNG.sync.write(image);
}

describe('diffScreenshots', () => {
  it.each([
    ['identical', png(), png(), { pixels: 0, maxChannel: 0 }],
    ['one anti-aliasing level on one pixel', png(), png({ 4: [254, 254, 254] }), { pixels: 1, maxChannel: 1 }],
    ['a visible change on two pixels', png({ 0: [120, 60, 200] }), png({ 5: [255, 0, 255] }), { pixels: 2, maxChannel: 255 }],
    ['different sizes', png(), png({}, 2, 2), { pixels: Infinity, maxChannel: Infinity }],
  ])('%s', (_, a, b, expected) => {
    expect(diffScreenshots(a, b)).toEqual(expected);
  });
});
