// The mocks' counting wraps the core: what it answered, under a request's own or the server-wide Prefer.
import { describe, expect, it } from 'vitest';
import { createMockControl } from './control.ts';
import { createMockCoverage, withCoverage } from './coverage.ts';
import { createMockCore } from './plan-response.ts';

const login = {
  method: 'POST',
  path: '/v1/api/auth/login',
  contentType: 'application/json',
  body: JSON.stringify({ user: 'alice', password: 'wonderland' }),
};

describe('withCoverage', () => {
  it('counts the server-wide Prefer when a request sends none of its own, or one the mocks do not know', async () => {
    const control = createMockControl({ prefer: 'code=503' });
    const coverage = createMockCoverage('mock');
    const core = withCoverage(createMockCore({ control }), coverage, () => control.prefer);
    expect((await core.handle(login)).status).toBe(503);
    expect((await core.handle({ ...login, prefer: 'respond-async' })).status).toBe(503);
    expect((await core.handle({ ...login, prefer: 'code=401' })).status).toBe(401);
    const { counts, source } = coverage.toJSON();
    expect(source).toBe('mock');
    expect(counts.login?.status).toMatchObject({ '503': 2, '401': 1, '200': 0 });
    expect(counts.login?.example).toMatchObject({ 'service-unavailable': 2, 'wrong-credentials': 1 });
    expect(counts.login?.scenario?.code).toBe(3);
  });

  it('counts a network error as its scenario, with no status', async () => {
    const coverage = createMockCoverage();
    const core = withCoverage(createMockCore(), coverage);
    expect((await core.handle({ ...login, prefer: 'network-error' })).networkError).toBe(true);
    const { counts } = coverage.toJSON();
    expect(counts.login?.scenario?.['network-error']).toBe(1);
    expect(Object.values(counts.login?.status ?? {}).every((n) => n === 0)).toBe(true);
  });

  it('is the core itself when no recorder is given', () => {
    const core = createMockCore();
    expect(withCoverage(core, undefined)).toBe(core);
  });
});
