// The coverage model, recorder and merge, table-driven against the kit's spec and a made-up one.
import { describe, expect, it } from 'vitest';
import {
  buildCoverageModel,
  countOf,
  kitCoverageModel,
  mergeCoverage,
  parseRequirement,
  readCoverage,
  refusalKind,
  summarizeCoverage,
} from './coverage-model.ts';
import { createCoverageRecorder } from './coverage-recorder.ts';

const model = kitCoverageModel();
const login = { method: 'POST', path: '/v1/api/auth/login', contentType: 'application/json' };

describe('the coverage model', () => {
  it('lists every documented status, example, scenario and kind of bad request per operation', () => {
    const ids = model.operations.map((op) => op.id);
    expect(ids).toEqual(['login', 'refreshToken']);
    const names = (op: string, kind: string) =>
      model.items.filter((i) => i.operation === op && i.kind === kind).map((i) => i.name);
    expect(names('login', 'status')).toContain('401');
    expect(names('refreshToken', 'example')).toEqual(expect.arrayContaining(['invalid-token', 'expired-token']));
    expect(names('login', 'scenario')).toEqual(['code', 'example', 'delay', 'network-error']);
    expect(names('login', 'refusal')).toEqual(expect.arrayContaining(['missing-password', 'wrong-type-user']));
    // refresh_token is optional: leaving it out is no bad request
    expect(names('refreshToken', 'refusal')).not.toContain('missing-refresh_token');
  });

  it('picks up a new operation from the spec with no code', () => {
    const doc = {
      info: { title: 'T', version: '2' },
      paths: {
        '/users/{id}': {
          get: { operationId: 'getUser', responses: { '200': {}, '404': {}, default: {} } },
        },
      },
    };
    const made = buildCoverageModel(doc);
    expect(made.items.filter((i) => i.kind === 'status').map((i) => i.name)).toEqual(['200', '404']);
    const recorder = createCoverageRecorder({ source: 't', model: made });
    recorder.record({ method: 'get', path: '/users/42', body: '', status: 404 });
    recorder.record({ method: 'GET', path: '/elsewhere', body: '', status: 200 });
    const file = recorder.toJSON();
    expect(file.counts.getUser?.status?.['404']).toBe(1);
    expect(file.outsideContract).toBe(1);
  });

  it.each([
    ['', undefined, 'empty-body'],
    ['{}', 'text/plain', 'wrong-content-type'],
    ['{', 'application/json', 'malformed-json'],
    ['[1]', 'application/json; charset=utf-8', 'not-an-object'],
    ['{"password":"p"}', 'application/json', 'missing-user'],
    ['{"user":1,"password":"p"}', 'application/json', 'wrong-type-user'],
    ['{"user":"u","password":"p"}', 'application/json', undefined],
  ])('tells %j (%s) apart as %s', (body, type, kind) => {
    expect(refusalKind(model.operations[0]?.body, type, body)).toBe(kind);
  });
});

describe('the recorder', () => {
  it('counts statuses, the example answered, Prefer scenarios and refusals', () => {
    const recorder = createCoverageRecorder({ source: 'test', classify: 'refusals' });
    const expired = model.operations[1]?.examples.find((e) => e.name === 'expired-token');
    recorder.record({
      method: 'POST',
      path: '/v1/api/auth/refresh',
      contentType: 'application/json',
      prefer: 'code=401, example=expired-token, delay=10',
      body: '{}',
      status: 401,
      responseBody: JSON.stringify(expired?.value),
    });
    recorder.record({ ...login, body: '{"user":"u"}', status: 400, responseBody: '{"code":400,"desc":"x"}' });
    recorder.record({ ...login, prefer: 'network-error', body: '{"user":"u","password":"p"}' });
    recorder.record({ ...login, body: '{"user":"u","password":"p"}', status: 418 });
    const file = recorder.toJSON();
    const c = file.counts;
    expect(c.refreshToken?.status?.['401']).toBe(1);
    expect(c.refreshToken?.example?.['expired-token']).toBe(1);
    expect(c.refreshToken?.example?.['invalid-token']).toBe(0);
    expect(c.refreshToken?.scenario).toMatchObject({ code: 1, example: 1, delay: 1, 'network-error': 0 });
    expect(c.login?.refusal?.['missing-password']).toBe(1);
    expect(c.login?.example?.['invalid-request']).toBe(1); // the status's only example
    expect(c.login?.scenario?.['network-error']).toBe(1);
    expect(file.undocumentedStatuses).toEqual({ login: { '418': 1 } });
    expect(file.requests).toBe(4);
  });
});

describe('merging and judging coverage files', () => {
  const one = () => {
    const r = createCoverageRecorder({ source: 'mock' });
    r.record({ ...login, body: '{"user":"u","password":"p"}', status: 200 });
    return r.toJSON();
  };

  it('sums counts, names items the spec lacks and reports what was never exercised', () => {
    const extra = one();
    extra.counts.logout = { status: { '200': 3 } };
    const merged = mergeCoverage(model, [one(), extra]);
    expect(countOf(merged.file.counts, { operation: 'login', kind: 'status', name: '200' })).toBe(2);
    expect(merged.unknown).toEqual(['logout status 200']);
    expect(merged.file.source).toBe('merged');
    const summary = summarizeCoverage(model, merged.file.counts);
    expect(summary.operations.find((o) => o.id === 'refreshToken')?.covered).toBe(0);
    expect(summary.percent).toBeLessThan(10);
  });

  it.each([
    [null, 'not a JSON object'],
    [{ tool: 'other' }, 'not a coverage file'],
    [{ tool: 'login-api-coverage', $schemaVersion: 9 }, 'this kit reads version 1'],
    [{ tool: 'login-api-coverage', $schemaVersion: 1, requests: -1, outsideContract: 0 }, 'whole numbers'],
    [
      { tool: 'login-api-coverage', $schemaVersion: 1, requests: 1, outsideContract: 0, counts: { a: { bogus: {} } } },
      'not one of status',
    ],
  ])('refuses %j', (value, message) => {
    const read = readCoverage(value);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toContain(message);
  });

  it.each([
    ['login:401', 1],
    ['example=expired-token', 1],
    ['refreshToken', 23],
    ['scenario=delay', 2],
  ])('--require %s matches %i item(s)', (text, n) => {
    const r = parseRequirement(model, text);
    expect(typeof r === 'string' ? r : r.items.length).toBe(n);
  });
});
