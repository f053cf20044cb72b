import { describe, expect, it } from 'vitest';
import { linkify, type TextSegment } from './linkify';

const t = (text: string): TextSegment => ({ kind: 'text', text });
const l = (text: string, href = text): TextSegment => ({ kind: 'link', text, href });

describe('linkify', () => {
  it.each<[string, TextSegment[]]>([
    ['', []],
    ['just words', [t('just words')]],
    ['https://example.com', [l('https://example.com')]],
    ['see https://example.com/a?b=1#c now', [t('see '), l('https://example.com/a?b=1#c'), t(' now')]],
    ['go to www.example.org.', [t('go to '), l('www.example.org', 'https://www.example.org'), t('.')]],
    ['(http://x.io/wiki/Foo_(bar))', [t('('), l('http://x.io/wiki/Foo_(bar)'), t(')')]],
    ['two: http://a.io, http://b.io!', [t('two: '), l('http://a.io'), t(', '), l('http://b.io'), t('!')]],
    ['javascript:alert(1)', [t('javascript:alert(1)')]],
    ['<img src=x onerror=alert(1)>', [t('<img src=x onerror=alert(1)>')]],
    ['https:// alone', [t('https:// alone')]],
    ['HTTPS://EXAMPLE.COM', [l('HTTPS://EXAMPLE.COM')]],
    ['مرحبا https://example.com 👋', [t('مرحبا '), l('https://example.com'), t(' 👋')]],
  ])('%j', (input, expected) => {
    expect(linkify(input)).toEqual(expected);
  });

  it('keeps every character of the input', () => {
    const input = 'a www.b.c, (https://d.e/f) g.';
    expect(linkify(input).map((s) => s.text).join('')).toBe(input);
  });
});
