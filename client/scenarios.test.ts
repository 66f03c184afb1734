import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { listScenarios, scenariosFor } from './scenarios.ts';

describe('listScenarios', () => {
  it('lists every named example of the merged spec with its status', () => {
    const names = listScenarios().map((s) => `${s.operationId} ${s.status} ${s.example}`);
    const fromSpec: string[] = [];
    for (const item of Object.values(openapiDocument.paths)) {
      for (const [status, response] of Object.entries(item.post.responses)) {
        for (const example of Object.keys(response.content['application/json'].examples)) {
          fromSpec.push(`${item.post.operationId} ${status} ${example}`);
        }
      }
    }
    expect(names).toEqual(fromSpec);
    expect(names).toContain('login 401 wrong-credentials');
    expect(names).toContain('refreshToken 401 expired-token');
  });

  it('marks the overlay responses as assumed and the documented ones not', () => {
    const login = scenariosFor('login');
    expect(login.find((s) => s.example === 'documented')?.assumed).toBe(false);
    expect(login.find((s) => s.example === 'wrong-credentials')).toMatchObject({ assumed: true, method: 'POST' });
  });

  it('returns nothing for a document without paths', () => {
    expect(listScenarios({ openapi: '3.1.0' })).toEqual([]);
    expect(listScenarios(null)).toEqual([]);
  });
});
