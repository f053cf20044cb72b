import { describe, expect, it } from 'vitest';
import { demoFileFromUrl, demoRestartSearch } from './demoUrl';

describe('a demo URL', () => {
  it('names the demo file', () => {
    expect(demoFileFromUrl('?demo=first-day&paused')).toEqual({ name: 'first-day', url: 'demos/first-day.json' });
    expect(demoFileFromUrl('?demo=https://example.com/mine.json')).toEqual({ name: 'https://example.com/mine.json', url: 'https://example.com/mine.json' });
    expect(demoFileFromUrl('?scenario=empty')).toBeNull();
  });

  it('restarts from step 0: paused if the demo was not playing, playing if it was; the rest kept as written', () => {
    expect(demoRestartSearch('?demo=first-day&step=4&paused', { playing: false })).toBe('?demo=first-day&paused');
    expect(demoRestartSearch('?demo=first-day&step=4', { playing: false })).toBe('?demo=first-day&paused');
    expect(demoRestartSearch('?lang=de&demo=first-day&step=4', { playing: true })).toBe('?lang=de&demo=first-day');
    expect(demoRestartSearch('?demo=first-day&paused', { playing: true })).toBe('?demo=first-day');
    expect(demoRestartSearch('?demo=first-day', { playing: false })).toBe('?demo=first-day&paused');
    expect(demoRestartSearch('?demo=data%3Aapplication%2Fjson%2C%7B%7D&paused=', { playing: false })).toBe('?demo=data%3Aapplication%2Fjson%2C%7B%7D&paused');
  });
});
