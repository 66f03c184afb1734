import { describe, expect, it } from 'vitest';
import { base64Cores, createSecretIndex, createSecretSearch } from './secret-search.ts';

const password = 'Tom & Jerry <3 "ä"';
const search = createSecretSearch([{ value: password, mask: '***' }], { users: ['alice'] });
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Every form a server (or the kit's excerpts) may give the password. */
const forms: [string, string][] = [
  ['raw', password],
  ['JSON-escaped', JSON.stringify(password).slice(1, -1)],
  ['Go-style \\u0026 \\u003c \\u003e', 'Tom \\u0026 Jerry \\u003c3 \\"ä\\"'],
  ['\\u00e4 (ASCII-only JSON)', 'Tom & Jerry <3 \\"\\u00e4\\"'],
  ['\\u00E4 upper-case hex', 'Tom & Jerry <3 "\\u00E4"'],
  [
    'every character \\u-escaped',
    [...password].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  ],
  ['HTML named entities', 'Tom &amp; Jerry &lt;3 &quot;&auml;&quot;'],
  ['HTML decimal entities', 'Tom &#38; Jerry &#60;3 &#34;&#228;&#34;'],
  ['HTML hex entities', 'Tom &#x26; Jerry &#X3C;3 &#x22;&#xE4;&#x22;'],
  ['URL-encoded with %20', encodeURIComponent(password)],
  ['URL-encoded with +', encodeURIComponent(password).replaceAll('%20', '+')],
  [
    'lower-case percent-encoding',
    encodeURIComponent(password).toLowerCase().replace(/tom/, 'Tom').replace(/jerry/, 'Jerry'),
  ],
  ['base64', b64(password)],
  ['base64url', Buffer.from(password).toString('base64url')],
  ['base64 of user:password', b64(`alice:${password}`)],
  ['Basic header', `Basic ${b64(`alice:${password}`)}`],
  ['base64 inside a longer base64 blob', b64(`{"note":"x${password}y"}`)],
  ['mixed encodings in one occurrence', 'Tom \\u0026 Jerry &lt;3 %22\\u00e4&quot;'],
];

describe('secret search: the password in every form is gone', () => {
  it.each(forms)('%s', (_what, form) => {
    const text = `before ${form} after`;
    const out = search.redact(text);
    expect(out).toContain('***');
    expect(out).not.toContain(form);
    expect(out).toMatch(/^before /);
    expect(out).toMatch(/ after$/);
  });

  it("runs of spaces collapsed (the kit's excerpts do that)", () => {
    const spaced = createSecretSearch([{ value: 'two  spaces   here', mask: '***' }]);
    expect(spaced.redact('x two spaces here y')).toBe('x *** y');
    expect(spaced.redact('x two\n\tspaces here y')).toBe('x *** y');
  });

  it('a piece of the secret at a cut (an excerpt ending in …)', () => {
    const secret = createSecretSearch([{ value: 'wonderland-42', mask: '***' }]);
    expect(secret.redact('{"password":"wonde…')).toBe('{"password":"***…');
    expect(secret.redact('…land-42"}')).toBe('…***"}');
    // at the bare ends of a text a piece is an ordinary word more often than a secret
    expect(secret.redact('land-42 starts it')).toBe('land-42 starts it');
    // shorter than 4 characters: left (it would garble ordinary text)
    expect(secret.redact('won…')).toBe('won…');
  });

  it('leaves ordinary text alone, escapes and ellipses included', () => {
    for (const text of ['Tom and Jerry', 'x…'.repeat(1000), '\\u0041 &amp; %41 + \\"', 'Tom &amp; Jerry &lt;4']) {
      expect(search.redact(text)).toBe(text);
    }
  });

  it('finds each of thousands of learned secrets (a long proxy session) in one pass', () => {
    const index = createSecretIndex({ pieces: false });
    const token = (i: number) => `eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJ${i.toString(36)}In0.signature-${i}`;
    for (let i = 0; i < 3000; i++)
      index.add([
        { value: token(i), mask: `<${i}>` },
        { value: `pw-${i}-secret`, mask: '***' },
      ]);
    expect(index.size).toBe(6000);
    const text = `a ${token(17)} b ${JSON.stringify(`pw-2999-secret`)} c ${encodeURIComponent(token(2500))}`;
    expect(index.redact(text)).toBe('a <17> b "***" c <2500>');
  });

  it('base64 cores hold at each alignment', () => {
    for (const prefix of ['', 'a', 'ab']) {
      const encoded = b64(`${prefix}${password}zz`);
      expect(base64Cores(password).some((core) => encoded.includes(core))).toBe(true);
    }
  });
});
