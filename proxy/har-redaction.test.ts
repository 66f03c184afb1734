// The recording masks a secret wherever a client or server put it: form bodies, query strings,
// cut-off or escaped JSON, lists, numbers, and headers named like credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../contract-tests/fixtures/servers/reference.ts';
import { proxyTo, raw, serveHandler } from './fixtures.ts';

let target: Running;
beforeAll(async () => {
  // Echoes the request body, and hands out a session token in a header.
  target = await serveHandler(
    raw((req, res, body) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-session-token': 'sess-0123456789abcdef' });
      res.end(`you sent ${body} to ${req.url}`);
    }),
  );
});
afterAll(() => target.close());

const cases: {
  what: string;
  secret: string;
  path?: string;
  type?: string;
  body?: string;
  headers?: Record<string, string>;
}[] = [
  {
    what: 'a form body',
    secret: 'form-pass-1',
    type: 'application/x-www-form-urlencoded',
    body: 'user=alice&password=form-pass-1',
  },
  {
    what: 'a form body with encoded characters',
    secret: 'form pass&2',
    type: 'application/x-www-form-urlencoded',
    body: 'user=alice&password=form+pass%262',
  },
  { what: 'a query string', secret: 'query-pass-3', path: '/v1/api/auth/login?user=alice&password=query-pass-3' },
  { what: 'cut-off JSON', secret: 'cut-pass-4', body: '{"user":"alice","password":"cut-pass-4' },
  { what: 'a list of passwords', secret: 'list-pass-5', body: '{"user":"alice","password":["list-pass-5"]}' },
  { what: 'a number', secret: '987654321', body: '{"user":"alice","password":987654321}' },
  {
    what: '\\u-escaped member name and value',
    secret: 'esc-pass-6',
    body: '{"user":"alice","p\\u0061ssword":"\\u0065sc-pass-6"}',
  },
  { what: 'an X-Api-Key header', secret: 'api-key-7-abcdef', headers: { 'x-api-key': 'api-key-7-abcdef' } },
  {
    what: 'a Bearer Authorization header',
    secret: 'bearer-8-abcdef',
    headers: { authorization: 'Bearer bearer-8-abcdef' },
  },
  {
    what: 'Basic credentials',
    secret: 'basic-pass-9',
    headers: { authorization: `Basic ${Buffer.from('alice:basic-pass-9').toString('base64')}` },
  },
  { what: 'a cookie', secret: 'cookie-10-abcdef', headers: { cookie: 'sid=cookie-10-abcdef' } },
  { what: "a response's X-Session-Token", secret: 'sess-0123456789abcdef' },
];

describe('HAR redaction by field and by value', () => {
  it.each(cases)('masks a secret in $what, wherever it is echoed', async ({ secret, path, type, body, headers }) => {
    const proxy = await proxyTo(target.url, { record: true });
    try {
      const answer = await fetch(`${proxy.proxy.url}${path ?? '/v1/api/auth/login'}`, {
        method: 'POST',
        headers: { 'content-type': type ?? 'application/json', ...headers },
        body: body ?? '{}',
      });
      await answer.text();
      // The same secret later in plain JSON: the earlier entry stays masked too.
      await (
        await fetch(`${proxy.proxy.url}/v1/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: 'alice', password: secret }),
        })
      ).text();
      await proxy.session.settle();
      const har = JSON.stringify(proxy.session.har());
      expect(proxy.session.har().log.entries).toHaveLength(2);
      for (const form of [secret, encodeURIComponent(secret), Buffer.from(`alice:${secret}`).toString('base64')]) {
        expect(har).not.toContain(form);
      }
    } finally {
      await proxy.close();
    }
  });
});

describe('secrets across exchanges', () => {
  it('a password sent in one exchange and echoed, encoded, in a later answer is masked in the lines and the report', async () => {
    const secret = 'Across & <Exchanges> 42';
    let remembered = '';
    const echoing = await serveHandler(
      raw((_req, res, body) => {
        const sent = JSON.parse(body || '{}') as { password?: string };
        if (sent.password) remembered = sent.password;
        res.writeHead(500, { 'content-type': 'application/json' });
        // Go-style escaping of the remembered password in an unrelated answer
        res.end(
          JSON.stringify({ error: `last password was ${remembered}` })
            .replace(/&/g, '\\u0026')
            .replace(/</g, '\\u003c'),
        );
      }),
    );
    const proxy = await proxyTo(echoing.url, { record: true });
    try {
      for (const [path, body] of [
        ['/v1/api/auth/login', JSON.stringify({ user: 'alice', password: secret })],
        ['/v1/api/auth/refresh', JSON.stringify({ refresh_token: 'not-a-token' })],
      ] as const) {
        await (
          await fetch(`${proxy.proxy.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          })
        ).text();
      }
      await proxy.session.settle();
      const shown = `${proxy.lines.join('\n')}\n${JSON.stringify(proxy.session.report(echoing.url))}\n${JSON.stringify(proxy.session.har())}`;
      expect(proxy.lines.at(-1)).toMatch(/^FAIL {2}POST \/v1\/api\/auth\/refresh 500/);
      expect(shown).toContain('last password was ***');
      for (const form of [secret, 'Across \\u0026 \\u003cExchanges', 'Across & <Exchanges'])
        expect(shown).not.toContain(form);
    } finally {
      await proxy.close();
      await echoing.close();
    }
  });
});
