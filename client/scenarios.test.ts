import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { listScenarios, scenariosFor } from './scenarios.ts';

/** A document of our own: any method, an operation without an id, path-level keys, several media types. */
const fixture = {
  openapi: '3.1.0',
  paths: {
    '/items': {
      parameters: [{ name: 'q', in: 'query' }],
      get: {
        operationId: 'listItems',
        responses: {
          '200': { description: 'OK', content: { 'application/json': { examples: { some: { summary: 'Some' } } } } },
          '404': {
            description: 'Assumed - none',
            'x-assumed': true,
            content: { 'application/problem+json': { examples: { none: { value: {} } } } },
          },
        },
      },
      delete: { responses: { '204': { description: 'Gone' } } },
    },
    '/items/{id}': {
      put: {
        responses: { '200': { description: 'Saved', content: { 'application/json': { examples: { saved: {} } } } } },
      },
    },
  },
};

describe('listScenarios', () => {
  it('lists every named example of every operation in document order, with its status', () => {
    expect(listScenarios(fixture)).toEqual([
      {
        operationId: 'listItems',
        method: 'GET',
        path: '/items',
        status: 200,
        example: 'some',
        summary: 'Some',
        assumed: false,
        scenario: { code: 200, example: 'some' },
      },
      {
        operationId: 'listItems',
        method: 'GET',
        path: '/items',
        status: 404,
        example: 'none',
        summary: 'Assumed - none',
        assumed: true,
        scenario: { code: 404, example: 'none' },
      },
      {
        operationId: 'put /items/{id}',
        method: 'PUT',
        path: '/items/{id}',
        status: 200,
        example: 'saved',
        summary: 'Saved',
        assumed: false,
        scenario: { code: 200, example: 'saved' },
      },
    ]);
  });

  it('finds each scenario of the generated spec where the spec puts it', () => {
    const scenarios = listScenarios();
    expect(scenarios.length).toBeGreaterThan(0);
    const paths = openapiDocument.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    for (const s of scenarios) {
      const response = paths[s.path]?.[s.method.toLowerCase()]?.responses[String(s.status)] as {
        content: Record<string, { examples: Record<string, unknown> }>;
      };
      const names = Object.values(response.content).flatMap((media) => Object.keys(media.examples ?? {}));
      expect(names, `${s.method} ${s.path} ${s.status}`).toContain(s.example);
    }
  });

  it("offers the overlay's error scenarios for login and refresh", () => {
    const names = listScenarios().map((s) => `${s.operationId} ${s.status} ${s.example}`);
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
