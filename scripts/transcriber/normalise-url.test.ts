import { describe, expect, it } from 'vitest';
import { normaliseUrls, serverObject } from './normalise-url.ts';

const one = (host: string, path: string) => normaliseUrls([{ host, path, line: 3 }]);

describe('normaliseUrls', () => {
  it.each([
    ['a plain host and path', 'https://api.test', '/v1/users', 'https://api.test', '/v1/users'],
    ['a full URL in host, empty path', 'https://api.test/v2/users/:id', '', 'https://api.test', '/v2/users/{id}'],
    [
      'markdown escapes and spaces',
      ' https://api.test ',
      ' /auto\\_call/by\\_phone ',
      'https://api.test',
      '/auto_call/by_phone',
    ],
    [
      '{{var}} and <var> placeholders',
      'https://{{env}}.api.test',
      '/users/<userId>',
      'https://{env}.api.test',
      '/users/{userId}',
    ],
    ['[var] as the whole host', '\\[URL\\]', '/x', '{URL}', '/x'],
    ['a trailing slash on both', 'https://api.test/v3/', 'api/geofence/', 'https://api.test/v3', '/api/geofence'],
    [
      'a path that repeats the host path',
      'https://api.test/Api/{id}',
      '/Api/{id}/items',
      'https://api.test/Api/{id}',
      '/items',
    ],
    ['no host at all', ' ', '/a', undefined, '/a'],
  ])('%s', (_name, host, path, server, openapiPath) => {
    const { server: shared, operations } = one(host, path);
    expect(shared).toBe(server);
    expect(operations[0]?.path).toBe(openapiPath);
  });

  it('moves a query string out of the path, with a warning', () => {
    const { operations, warnings } = one('https://a.test', '/p?mvid=1&email=x@y.z&empty=');
    expect(operations[0]).toMatchObject({
      path: '/p',
      query: [
        ['mvid', '1'],
        ['email', 'x@y.z'],
        ['empty', ''],
      ],
    });
    expect(warnings).toEqual([expect.stringMatching(/^line 3: path .* carries a query string/)]);
  });

  it('gives one API one server prefix, however host and path split it', () => {
    const { server, operations } = normaliseUrls([
      { host: 'https://api.test/v1', path: '/users', line: 1 },
      { host: 'https://api.test', path: '/v1/orders', line: 9 },
      { host: 'https://api.test/v1/', path: 'carts', line: 20 },
    ]);
    expect(server).toBe('https://api.test');
    expect(operations.map((o) => [o.server, o.path])).toEqual([
      ['https://api.test', '/v1/users'],
      ['https://api.test', '/v1/orders'],
      ['https://api.test', '/v1/carts'],
    ]);
  });

  it('keeps an operation on another origin on its own server', () => {
    const { server, operations } = normaliseUrls([
      { host: 'https://example.com', path: '/login', line: 1 },
      { host: 'http://example.com', path: '/refresh', line: 9 },
    ]);
    expect(server).toBe('https://example.com');
    expect(operations.map((o) => o.server)).toEqual(['https://example.com', 'http://example.com']);
  });

  it('reads a host without scheme as https, with a warning', () => {
    const { server, warnings } = one('movie-in-case.com', '/m');
    expect(server).toBe('https://movie-in-case.com');
    expect(warnings).toEqual(['line 3: host "movie-in-case.com" has no scheme; read as https://movie-in-case.com']);
  });
});

describe('serverObject', () => {
  it('declares each placeholder once as a server variable', () => {
    expect(serverObject('https://{host}:{port}/{host}')).toEqual({
      url: 'https://{host}:{port}/{host}',
      variables: {
        host: { default: 'host', description: "Placeholder {host} in the docs' host" },
        port: { default: 'port', description: "Placeholder {port} in the docs' host" },
      },
    });
  });
});

describe('colons in paths', () => {
  it('reads :name opening a segment as a placeholder, and leaves a colon inside a segment alone', () => {
    const { operations } = normaliseUrls([
      { host: 'https://api.test', path: '/v1/:event-type/things:batchGet', line: 1 },
    ]);
    expect(operations[0]?.path).toBe('/v1/{event-type}/things:batchGet');
  });
});
