import { describe, expect, it } from 'vitest';
import { describeFailure } from './messages.ts';

const response = new Response(null, { status: 401 });

describe('describeFailure', () => {
  it.each([
    [
      'a wrong password',
      'login',
      { ok: false, kind: 'http-error', status: 401, code: 401, desc: 'Wrong user or password', error: {}, response },
      {
        tone: 'error',
        title: 'Wrong user or password',
        detail: 'The server answered HTTP 401 with code 401: “Wrong user or password”.',
      },
    ],
    [
      'a refused refresh token',
      'refreshToken',
      { ok: false, kind: 'http-error', status: 401, desc: 'Refresh token expired', error: {}, response },
      {
        tone: 'error',
        title: 'Refresh token refused',
        detail: 'The server answered HTTP 401: “Refresh token expired”.',
      },
    ],
    [
      'an invalid request without a reason',
      'login',
      { ok: false, kind: 'http-error', status: 400, error: '', response },
      { tone: 'error', title: 'Invalid request', detail: 'The server answered HTTP 400 and gave no reason.' },
    ],
    [
      'rate limiting with Retry-After',
      'login',
      {
        ok: false,
        kind: 'http-error',
        status: 429,
        code: 429,
        desc: 'Too many requests',
        error: {},
        response: new Response(null, { status: 429, headers: { 'retry-after': '30' } }),
      },
      {
        tone: 'error',
        title: 'Too many attempts',
        detail: 'The server answered HTTP 429 with code 429: “Too many requests”. Try again in 30 s.',
      },
    ],
    [
      'maintenance without Retry-After',
      'refreshToken',
      { ok: false, kind: 'http-error', status: 503, error: '', response: new Response(null, { status: 503 }) },
      {
        tone: 'error',
        title: 'Service unavailable',
        detail: 'The server answered HTTP 503 and gave no reason. Try again later.',
      },
    ],
    [
      'an error inside a 200',
      'login',
      { ok: false, kind: 'api-error', status: 200, code: 9, desc: 'Locked', error: {}, response },
      { tone: 'error', title: 'Login refused', detail: 'The server answered HTTP 200 with code 9: “Locked”.' },
    ],
    [
      'a network error',
      'login',
      { ok: false, kind: 'network-error', desc: 'x' },
      {
        tone: 'error',
        title: 'Network error',
        detail:
          "No answer from http://127.0.0.1:1: the connection failed before any response arrived. Is the server running, and does it allow this page's origin (CORS)?",
      },
    ],
    [
      'a timeout',
      'refreshToken',
      { ok: false, kind: 'timeout', desc: 'No answer within 8000 ms', timeoutMs: 8000 },
      { tone: 'error', title: 'No answer in time', detail: 'No answer within 8000 ms; the request was cancelled.' },
    ],
  ] as const)('describes %s', (_name, operation, failure, want) => {
    expect(describeFailure(operation, failure, { baseUrl: 'http://127.0.0.1:1', crossOrigin: true })).toEqual(want);
  });

  it('does not blame CORS for a same-origin call', () => {
    const notice = describeFailure(
      'login',
      { ok: false, kind: 'network-error', desc: 'x' },
      {
        baseUrl: 'http://127.0.0.1:5173',
        crossOrigin: false,
      },
    );
    expect(notice.detail).toBe(
      'No answer from http://127.0.0.1:5173: the connection failed before any response arrived.',
    );
  });
});
