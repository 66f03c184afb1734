import { describe, expect, it } from 'vitest';
import { createMockControl, handleControl } from './control.ts';
import { createMockClock } from './mock-clock.ts';
import type { MockRequest } from './plan-response.ts';

const request = (method: string, path: string, body = ''): MockRequest => ({
  method,
  path,
  body,
  contentType: 'application/json',
});
const json = (res: { body: string } | undefined) => JSON.parse(res?.body ?? 'null');

describe('createMockControl', () => {
  it('spreads a server-wide Prefer over the operations that define it', () => {
    const control = createMockControl({ prefer: 'code=503' });
    expect(control.scenarioFor('login')).toEqual({ code: 503 });
    expect(control.scenarioFor('refreshToken')).toEqual({ code: 503 });
    control.setPrefer('example=wrong-credentials, delay=800');
    expect(control.scenarioFor('login')).toEqual({ example: 'wrong-credentials', delay: 800 });
    // refresh defines no wrong-credentials: it keeps its normal answer, late
    expect(control.scenarioFor('refreshToken')).toEqual({ delay: 800 });
    control.setPrefer(undefined);
    expect(control.scenarioFor('login')).toBeUndefined();
  });

  it.each([
    ['a malformed value', 'code=abc', /HTTP status code/],
    ['a code no operation defines', 'code=418', /defined for no operation/],
    ['nothing the mock knows', 'respond-async', /holds nothing the mock knows/],
  ])('refuses %s and keeps the previous value', (_name, value, problem) => {
    const control = createMockControl({ prefer: 'code=401' });
    expect(() => control.setPrefer(value)).toThrow(problem);
    expect(control.prefer).toBe('code=401');
  });
});

describe('handleControl (/__mock/)', () => {
  it('reads, sets and clears the server-wide Prefer', () => {
    const control = createMockControl();
    expect(handleControl(control, request('GET', '/v1/api/auth/login'))).toBeUndefined();
    expect(json(handleControl(control, request('GET', '/__mock/prefer')))).toEqual({ prefer: null });
    const set = handleControl(control, request('PUT', '/__mock/prefer', '{"prefer":"code=429"}'));
    expect([set?.status, json(set)]).toEqual([200, { prefer: 'code=429' }]);
    const bad = handleControl(control, request('PUT', '/__mock/prefer', '{"prefer":"code=418"}'));
    expect(bad?.status).toBe(422);
    expect(control.prefer).toBe('code=429');
    expect(handleControl(control, request('PUT', '/__mock/prefer', '{"prefer":5}'))?.status).toBe(400);
    expect(json(handleControl(control, request('DELETE', '/__mock/prefer')))).toEqual({ prefer: null });
    expect(handleControl(control, request('POST', '/__mock/prefer'))?.status).toBe(405);
    expect(handleControl(control, request('GET', '/__mock/nothing'))?.status).toBe(404);
  });

  it('moves the clock forward and back to real time', () => {
    const control = createMockControl({ clock: createMockClock(() => Date.UTC(2030, 0, 1)) });
    const moved = handleControl(control, request('POST', '/__mock/clock', '{"advance_seconds":1800}'));
    expect(json(moved)).toEqual({ now: '2030-01-01T00:30:00.000Z', offset_seconds: 1800 });
    for (const body of ['{"advance_seconds":-1}', '{"advance_seconds":1.5}', '[]', 'nope']) {
      expect(handleControl(control, request('POST', '/__mock/clock', body))?.status).toBe(400);
    }
    expect(control.clock.offsetMs).toBe(1_800_000);
    expect(json(handleControl(control, request('DELETE', '/__mock/clock')))).toMatchObject({ offset_seconds: 0 });
  });
});
