// Recordings built to break the mock and the offline judge: every bad entry is refused at load
// with its index and reason (exit 2), a bad header is left out with a warning, and nothing
// crashes while serving.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../contract-tests/fixtures/run-cli.ts';
import { runProcess, startServer } from '../scripts/server-process.ts';
import { harOf, recordedLogin } from '../traffic/fixtures.ts';
import { parseHar } from '../traffic/har.ts';

const mockCli = join(import.meta.dirname, 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'replay-hostile-'));
const LOGIN = '/v1/api/auth/login';

// biome-ignore lint/suspicious/noExplicitAny: entries are bent into shapes no HAR type allows
type Loose = any;
type Patch = (entry: Loose) => void;

/** A valid recorded login (status 200, JSON), bent by `patch`. */
function entry(patch: Patch = () => {}): Loose {
  const e: Loose = recordedLogin();
  patch(e);
  return e;
}

const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

const unusable: [string, Patch, RegExp][] = [
  [
    'status 1000',
    (e) => {
      e.response.status = 1000;
    },
    /entry 1: response.status 1000 is not an HTTP status/,
  ],
  [
    'status 99',
    (e) => {
      e.response.status = 99;
    },
    /response.status 99/,
  ],
  [
    'status -1',
    (e) => {
      e.response.status = -1;
    },
    /response.status -1/,
  ],
  [
    'status "200"',
    (e) => {
      e.response.status = '200';
    },
    /response.status "200"/,
  ],
  [
    'status 200.5',
    (e) => {
      e.response.status = 200.5;
    },
    /response.status 200.5/,
  ],
  [
    'a body that is a number',
    (e) => {
      e.response.content.text = 42;
    },
    /response.content.text is number, not text/,
  ],
  [
    'a body that is an object',
    (e) => {
      e.response.content.text = { a: 1 };
    },
    /response.content.text is object/,
  ],
  [
    'a request body that is a list',
    (e) => {
      e.request.postData.text = [1];
    },
    /request.postData.text is object/,
  ],
  ['bad base64', (e) => Object.assign(e.response.content, { encoding: 'base64', text: '%%%' }), /not base64/],
  [
    'a method with a space',
    (e) => {
      e.request.method = 'PO ST';
    },
    /request.method "PO ST" is not an HTTP method/,
  ],
  [
    'no response',
    (e) => {
      delete e.response;
    },
    /lacks a request or a response/,
  ],
  [
    'headers not a list',
    (e) => {
      e.response.headers = 'x';
    },
    /response headers is not a list/,
  ],
  [
    'a header value that is a number',
    (e) => {
      e.response.headers = [{ name: 'a', value: 1 }];
    },
    /not \{ name, value \} strings/,
  ],
];

const badHeaders: [string, { name: string; value: string }, RegExp][] = [
  [
    'CR/LF in a value',
    { name: 'x-a', value: 'a\r\nSet-Cookie: injected=1' },
    /header x-a \(its value holds CR, LF or NUL\)/,
  ],
  ['NUL in a value', { name: 'x-b', value: 'a\0b' }, /header x-b \(its value holds CR, LF or NUL\)/],
  [
    'non-Latin-1',
    { name: 'x-c', value: 'caf\u00e9 \u2603' },
    /header x-c \(its value holds characters outside Latin-1\)/,
  ],
  ['an invalid name', { name: 'x d:', value: 'v' }, /header "x d:" \(not a valid header name\)/],
  ['a pseudo-header', { name: ':authority', value: 'staging.test' }, /header ":authority"/],
];

describe('parseHar: each entry checked before use', () => {
  it.each(unusable)('refuses an entry with %s, naming it', (_what, patch, message) => {
    const parsed = parseHar(JSON.stringify(harOf(entry(), entry(patch))));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it.each(badHeaders)('leaves out a header with %s, with a warning, and keeps the entry', (_what, header, warning) => {
    const parsed = parseHar(JSON.stringify(harOf(entry((e) => e.response.headers.push(header)))));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.warnings.join('\n')).toMatch(warning);
    expect(parsed.har.log.entries[0]?.response.headers.map((h) => h.name)).toEqual(['content-type']);
  });

  it('refuses a deeply nested value where a method should be, without serialising it', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const text = JSON.stringify(harOf(entry())).replace('"method":"POST"', `"method":${deep}`);
    expect(parseHar(text)).toEqual({ ok: false, message: 'entry 0: request.method a list is not an HTTP method' });
  });
});

describe('npm start -- --replay with a hostile recording', () => {
  it.each(unusable.slice(0, 6))(
    '%s: exit 2 with the entry and the reason, no stack trace',
    async (_what, patch, message) => {
      const run = runProcess([mockCli, '--port', '0', '--replay', write('bad.har', harOf(entry(), entry(patch)))]);
      expect((await run.exited).code).toBe(2);
      expect(run.stderr()).toMatch(message);
      expect(run.stderr()).not.toMatch(/at \w+ \(|Error:/);
    },
    30_000,
  );

  it('bad headers are left out with a warning; the entry is served, and a deep request body gets 400, not 500', async () => {
    const file = write(
      'headers.har',
      harOf(
        entry((e) =>
          e.response.headers.push(...badHeaders.map(([, header]) => header), { name: 'x-ok', value: 'yes' }),
        ),
      ),
    );
    const mock = await startServer([mockCli, '--port', '0', '--quiet', '--replay', file]);
    try {
      const login = (body: string) =>
        fetch(`${mock.url}${LOGIN}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(5000),
        });
      const answer = await login('{"user":"qa","password":"xxxxxxxx"}');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ok')).toBe('yes');
      expect(answer.headers.get('set-cookie')).toBeNull();
      expect(await answer.json()).toEqual({ code: 0, result: { recorded: true } });
      const deep = await login(`{"user":"qa","password":"x","x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
      expect(deep.status).toBe(400);
      expect((await login('{"user":"qa","password":"xxxxxxxx"}')).status).toBe(200);
    } finally {
      await mock.stop();
    }
    expect(mock.stderr()).toMatch(/warning: entry 0: response header x-a \(its value holds CR, LF or NUL\) left out/);
  }, 30_000);
});

describe('npm run contract -- --har with a hostile recording', () => {
  it('a file that is HAR-shaped but unusable: exit 2 naming the entry, no stack trace', async () => {
    for (const [, patch, message] of [unusable[0], unusable[5], unusable[10]] as [string, Patch, RegExp][]) {
      const run = await runCli(['--har', write('contract-bad.har', harOf(entry(), entry(patch)))]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/at \w+ \(/);
    }
  }, 60_000);

  it('bad headers: judged with a warning', async () => {
    const run = await runCli([
      '--har',
      write('contract-headers.har', harOf(entry((e) => e.response.headers.push(badHeaders[0]?.[1])))),
    ]);
    expect(run.code).not.toBe(2);
    expect(run.stderr).toMatch(/warning: entry 0: response header x-a/);
  }, 30_000);
});
