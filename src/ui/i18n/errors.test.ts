import { afterEach, describe, expect, it } from 'vitest';
import { errorText } from './errors';
import { activateLocale } from './i18n';

describe('errorText', () => {
  afterEach(() => activateLocale('en', null));

  it("shows the backend's own words in English", () => {
    expect(errorText({ code: 'FORBIDDEN', message: 'Only the author can edit a message.' })).toBe('Only the author can edit a message.');
  });

  it("says what the code means in another language, never the server's English", async () => {
    await activateLocale('pseudo', null);
    const text = errorText({ code: 'FORBIDDEN', message: 'Only the author can edit a message.' });
    expect(text).not.toContain('author');
    expect(text).toMatch(/^\[.+\]$/);
  });
});
