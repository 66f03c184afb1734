import { describe, expect, it } from 'vitest';
import { docsLines, lineFor, operationAt } from './locate.ts';

describe('operationAt', () => {
  it.each([
    ['/paths/~1v1~1login/post/responses/200', { method: 'POST', path: '/v1/login' }],
    ['/paths/~1v1~1login', { path: '/v1/login' }],
    ['/paths/~1v1~1login/parameters/0', { path: '/v1/login' }],
    ['/servers/0', {}],
    ['', {}],
  ])('%s', (pointer, want) => {
    expect(operationAt(pointer)).toEqual(want);
  });
});

describe('docsLines', () => {
  const docs = [
    '# API',
    '{% api-method method="post" host="https://a.test" path="/v1/login" %}',
    '{% api-method-summary %}',
    '{% endapi-method %}',
    '{% api-method method="get" path="https://a.test/v1/refresh\\_token" %}',
  ].join('\n');

  it('finds each operation tag by method and path, and by path alone', () => {
    const lines = docsLines(docs);
    expect(lineFor(lines, { method: 'POST', path: '/v1/login' })).toBe(2);
    expect(lineFor(lines, { path: '/v1/login' })).toBe(2);
    expect(lineFor(lines, { method: 'GET', path: '/v1/refresh_token' })).toBe(5);
    expect(lineFor(lines, { method: 'PUT', path: '/v1/login' })).toBe(2);
    expect(lineFor(lines, { method: 'GET', path: '/nowhere' })).toBeUndefined();
    expect(lineFor(lines, {})).toBeUndefined();
  });
});
