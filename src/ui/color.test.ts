import { describe, expect, it } from 'vitest';
import { contrastRatio, initialsOf, readableTextOn } from './color';

describe('contrastRatio', () => {
  it.each([
    ['#ffffff', '#000000', 21],
    ['#ffffff', '#ffffff', 1],
    ['#6d28d9', '#ffffff', 7.1],
  ])('%s on %s is about %f', (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 0);
  });
});

describe('readableTextOn', () => {
  it.each([
    ['#6d28d9', '#ffffff'],
    ['#047857', '#ffffff'],
    ['#fde68a', '#1c1530'],
    ['#a7f3d0', '#1c1530'],
  ])('%s takes %s', (background, expected) => {
    expect(readableTextOn(background)).toBe(expected);
  });

  it('keeps AA contrast for every backend avatar colour', () => {
    for (const color of ['#6d28d9', '#7c3aed', '#9333ea', '#a21caf', '#be185d', '#b91c1c', '#c2410c', '#047857', '#0f766e', '#0369a1', '#1d4ed8', '#4338ca']) {
      expect(contrastRatio(color, readableTextOn(color))).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('initialsOf', () => {
  it.each([
    ['Ann Lee', 'AL'],
    ['bob', 'B'],
    ['  María  José  Pérez ', 'MP'],
    ['😀 Smile', '😀S'],
    ['', '?'],
  ])('%j -> %s', (name, expected) => expect(initialsOf(name)).toBe(expected));
});
