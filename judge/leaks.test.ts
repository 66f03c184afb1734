import { describe, expect, it } from 'vitest';
import { internalsIn } from './leaks.ts';

describe('internals in an answer', () => {
  it.each([
    [
      'a stack trace',
      'SyntaxError: Unexpected token\n    at JSON.parse (<anonymous>)\n    at parse (/srv/app/body.js:12:7)',
    ],
    ['a stack trace', 'Traceback (most recent call last):\n  File "/app/views.py", line 42, in login'],
    ['a file path', 'cannot open /home/deploy/app/config/db.yml'],
    ['SQL', 'query failed: SELECT id, password_hash FROM auth.users WHERE login = $1'],
    ['an SQL error', 'SQLITE_ERROR: near "x": syntax error'],
    ['a template fragment', 'Hello {{ user.name }}, your login failed'],
    ['a runtime error', "TypeError: Cannot read properties of undefined (reading 'trim')"],
    ['a configuration secret', 'config: JWT_SECRET=hunter2 DB_HOST=db'],
  ])('finds %s', (kind, text) => {
    expect(internalsIn(text, '').map((l) => l.kind)).toContain(kind);
  });

  it.each([
    '{"code":401,"desc":"Wrong user or password"}',
    '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Select a user from the list"}',
    '{"code":400,"desc":"error at 2026-12-05T05:30:00Z","request_id":"ab12"}',
    '<html><body><h1>404 Not Found</h1><p>nginx</p></body></html>',
    '{"code":0,"redirect":"/app/home"}',
    '{"code":400,"desc":"Invalid request: the body is not JSON (Unexpected end of JSON input)"}',
    '{"detail":[{"loc":["body","password"],"msg":"field required","type":"value_error.missing"}]}',
  ])('finds nothing in an ordinary answer: %s', (text) => {
    expect(internalsIn(text, '')).toEqual([]);
  });

  it('takes what the request itself sent back as an echo, not a leak', () => {
    expect(internalsIn('unknown user {{ user.name }}', '{"user":"{{ user.name }}"}')).toEqual([]);
  });
});
