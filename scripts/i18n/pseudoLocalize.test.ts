import { compileMessage } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';
import { pseudoLocalize } from './pseudoLocalize';

describe('pseudoLocalize', () => {
  it('accents, lengthens and brackets plain text', () => {
    const out = pseudoLocalize('Send message');
    expect(out.startsWith('[') && out.endsWith(']')).toBe(true);
    expect(out.length).toBeGreaterThanOrEqual(Math.floor('Send message'.length * 1.4));
    expect(out).not.toMatch(/[a-zA-Z]{2}/); // every letter changed: no plain word is left
  });

  it.each([
    ['Last seen {ago}', ['{ago}']],
    ['{count, plural, one {# unread} other {# unread}}', ['{count, plural, one {', '} other {', '#', '}}']],
    ['Press <0>Enter</0> to send', ['<0>', '</0>']],
    ['{who} reacted with {emoji}', ['{who}', '{emoji}']],
  ])('keeps the ICU syntax of %j', (message, kept) => {
    const out = pseudoLocalize(message);
    for (const part of kept) expect(out).toContain(part);
    expect(() => compileMessage(out)).not.toThrow();
  });
});
