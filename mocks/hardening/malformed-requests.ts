/**
 * Generators of malformed and hostile requests for the fuzz test. Each returns a request to send
 * over a raw socket, so malformed HTTP itself (not only malformed bodies) reaches the server.
 */
import type { Random } from './random.ts';

export interface RawRequest {
  kind: string;
  bytes: Buffer;
}

const PATHS = ['/v1/api/auth/login', '/v1/api/auth/refresh'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'FOO', 'post'];

function http(method: string, path: string, headers: Record<string, string>, body: Buffer | string = ''): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (!('Content-Length' in headers) && !('Transfer-Encoding' in headers))
    lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload]);
}

const json = { 'Content-Type': 'application/json' };
const HUGE_TAIL = Buffer.from('","password":"p"}');

function deepNesting(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

export const generators: Record<string, (r: Random) => Buffer> = {
  'random bytes': (r) => r.bytes(1 + r.int(512)),
  'random bytes after a request line': (r) =>
    Buffer.concat([Buffer.from(`POST ${r.pick(PATHS)} HTTP/1.1\r\n`), r.bytes(1 + r.int(256))]),
  'truncated JSON': (r) => {
    const full = JSON.stringify({ user: r.text(8), password: r.text(8) });
    return http('POST', r.pick(PATHS), json, full.slice(0, r.int(full.length)));
  },
  'random text body': (r) => http('POST', r.pick(PATHS), json, r.text(r.int(300))),
  'deeply nested arrays': (r) => http('POST', r.pick(PATHS), json, deepNesting(1000 + r.int(20_000), '[', ']')),
  'deeply nested objects': (r) =>
    http('POST', r.pick(PATHS), json, `${'{"a":'.repeat(5000 + r.int(5000))}1${'}'.repeat(5000)}`),
  // The bytes of JSON.stringify({ user: 'x'.repeat(n), password: 'p' }), built without the string.
  'huge string field': (r) => {
    const path = r.pick(PATHS);
    const n = 100_000 + r.int(400_000);
    return http('POST', path, json, Buffer.concat([Buffer.from('{"user":"'), Buffer.alloc(n, 'x'), HUGE_TAIL]));
  },
  'wrong types': (r) => {
    const values = [1, -1, 1e308, true, false, null, [], {}, [1, 2], { a: 1 }, '', '\u0000'];
    return http(
      'POST',
      r.pick(PATHS),
      json,
      JSON.stringify({ user: r.pick(values), password: r.pick(values), refresh_token: r.pick(values) }),
    );
  },
  'odd JSON values': (r) =>
    http(
      'POST',
      r.pick(PATHS),
      json,
      r.pick([
        'null',
        '0',
        '"str"',
        '[]',
        'true',
        '1e999',
        '{"__proto__":{"x":1}}',
        '{"constructor":{"prototype":{}}}',
      ]),
    ),
  'odd headers': (r) =>
    http(
      'POST',
      r.pick(PATHS),
      {
        'Content-Type': r.pick([
          'application/json; charset=utf-7',
          'text/plain',
          'application/x-www-form-urlencoded',
          '',
          ';;;',
          'application/json; boundary=x',
          'APPLICATION/JSON',
        ]),
        'X-Long': 'h'.repeat(r.int(8000)),
        Prefer: r.pick(['code=999', 'code=abc', 'example=nope', 'delay=-5', 'delay=abc', 'code=401, example=nope', '']),
        Origin: r.pick(['http://evil.test', 'null', '']),
      },
      JSON.stringify({ user: 'u', password: 'p' }),
    ),
  'lying Content-Length': (r) => {
    const body = JSON.stringify({ user: 'u', password: 'p' });
    return http('POST', r.pick(PATHS), { ...json, 'Content-Length': String(body.length - 1 - r.int(5)) }, body);
  },
  'chunked garbage': (r) =>
    http(
      'POST',
      r.pick(PATHS),
      { ...json, 'Transfer-Encoding': 'chunked' },
      `${r.pick(['zz', 'ffffffffff', '5'])}\r\n${r.text(5)}\r\n0\r\n\r\n`,
    ),
  'random method and path': (r) =>
    http(
      r.pick(METHODS),
      r.pick([...PATHS, '/', '/v1', `/${r.text(20).replace(/\s/g, '')}`, '/v1/api/auth/login/../refresh', '/%zz', '*']),
      json,
      '{}',
    ),
  'invalid URL encoding': (r) =>
    http('POST', `/v1/api/auth/${r.pick(['%', '%%', '%G0', 'login%00', 'login?x=%'])}`, json, '{}'),
  'garbage tokens': (r) =>
    http(
      'POST',
      '/v1/api/auth/refresh',
      json,
      JSON.stringify({ refresh_token: r.pick(['', '.', '..', 'a.b.c', 'eyJ.eyJ.', r.text(50), 'x'.repeat(10_000)]) }),
    ),
};

export function malformedRequest(r: Random): RawRequest {
  const kind = r.pick(Object.keys(generators));
  return { kind, bytes: (generators[kind] as (r: Random) => Buffer)(r) };
}
