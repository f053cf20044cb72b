import { describe, expect, it } from 'vitest';
import { parsePreference, readPreference, resolveTheme, THEME_STORAGE_KEY, writePreference } from './themePreference';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

describe('theme preference', () => {
  it.each([
    ['light', 'light'],
    ['dark', 'dark'],
    [null, 'system'],
    ['purple', 'system'],
  ] as const)('stored %s means %s', (stored, expected) => {
    expect(parsePreference(stored)).toBe(expected);
  });

  it.each([
    ['system', true, 'dark'],
    ['system', false, 'light'],
    ['light', true, 'light'],
    ['dark', false, 'dark'],
  ] as const)('%s with a dark system=%s resolves to %s', (preference, systemDark, expected) => {
    expect(resolveTheme(preference, systemDark)).toBe(expected);
  });

  it('round-trips through storage, and "system" forgets the choice', () => {
    const storage = memoryStorage();
    writePreference('dark', storage);
    expect(readPreference(storage)).toBe('dark');
    writePreference('system', storage);
    expect(storage.getItem(THEME_STORAGE_KEY)).toBeNull();
    expect(readPreference(storage)).toBe('system');
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
    };
    expect(readPreference(broken)).toBe('system');
  });
});
