// An app's own tests against the msw handlers record what they exercised, as `npm run coverage` reads it.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCoverage } from '../../report/coverage-model.ts';
import { createMockCoverage } from '../core/coverage.ts';
import { createHandlers } from './handlers.ts';

const coverage = createMockCoverage();
const server = setupServer(...createHandlers({ coverage, baseUrl: 'https://api.test' }));
beforeAll(() => server.listen());
afterAll(() => server.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`https://api.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('createHandlers({ coverage })', () => {
  it('counts statuses, examples, Prefer scenarios and bad requests the tests sent', async () => {
    await post('/v1/api/auth/login', JSON.stringify({ user: 'alice', password: 'wonderland' }));
    await post('/v1/api/auth/login', JSON.stringify({ user: 'alice' }));
    await post('/v1/api/auth/refresh', '{}', { prefer: 'code=401, example=expired-token' });
    await post('/v1/api/auth/refresh', '{}', { prefer: 'code=429' });
    const read = readCoverage(JSON.parse(JSON.stringify(coverage)));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { counts, source, requests } = read.file;
    expect(source).toBe('msw');
    expect(requests).toBe(4);
    expect(counts.login?.status?.['200']).toBe(1);
    expect(counts.login?.refusal?.['missing-password']).toBe(1);
    expect(counts.refreshToken?.example?.['expired-token']).toBe(1);
    expect(counts.refreshToken?.example?.['invalid-token']).toBe(0);
    expect(counts.refreshToken?.status?.['429']).toBe(1);
    expect(counts.refreshToken?.scenario?.code).toBe(2);
  });
});
