// Every check against in-process fixture servers (real Request/Response objects, no sockets):
// each passes against every correct implementation and catches the fault it exists for.
import { describe, expect, it } from 'vitest';
import { fakeFetchFor } from '../../contract-tests/fixtures/fake-fetch.ts';
import { type Variant, variants } from '../../contract-tests/fixtures/servers/catalogue.ts';
import { defaultUsers } from '../../contract-tests/fixtures/servers/reference.ts';
import { type RunOptions, type RunReport, runContract } from '../../contract-tests/runner.ts';
import { checks } from './index.ts';

const [user, password] = Object.entries(defaultUsers)[0] as [string, string];

async function run(variant: Variant, strict = false, options: Partial<RunOptions> = {}): Promise<RunReport> {
  const outcome = await runContract({
    ...options,
    baseUrl: `http://contract.test${variant.prefix ?? ''}`,
    user: variant.user ?? user,
    ...(variant.budget === undefined ? {} : { budget: variant.budget }),
    password,
    strict,
    timeoutMs: 100,
    fetch: fakeFetchFor(variant),
  });
  if (outcome.kind !== 'report') throw new Error(outcome.message);
  return outcome.report;
}

const verdicts = (report: RunReport) => Object.fromEntries(report.results.map((r) => [r.id, r.verdict]));

describe('each check', () => {
  it.each(checks.map((c) => [c.id, c] as const))('%s has a title, a level and a one-line rationale', (_id, check) => {
    expect(check.title.length).toBeGreaterThan(10);
    expect(['documented', 'robustness', 'inferred']).toContain(check.level);
    expect(check.rationale).not.toContain('\n');
    expect(check.rationale.length).toBeGreaterThan(20);
  });

  it.each(checks.map((c) => c.id))('%s is caught failing by at least one fixture server', (id) => {
    expect(variants.filter((v) => v.flagged.includes(id)).map((v) => v.name)).not.toEqual([]);
  });

  it('ids are unique and kebab-case', () => {
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});

describe.each(variants.filter((v) => v.kind === 'correct').map((v) => [v.name, v] as const))(
  'correct server %s',
  (_name, variant) => {
    it('passes every check that applies, strictly and by default; the rest say why they do not apply', async () => {
      for (const strict of [true, false]) {
        const report = await run(variant, strict);
        const notPassed = report.results.filter((r) => r.verdict !== 'pass');
        expect(notPassed.filter((r) => r.verdict !== 'skip').map((r) => [r.id, r.problems])).toEqual([]);
        expect(notPassed.map((r) => r.id).sort()).toEqual([...(variant.skipped ?? [])].sort());
        for (const r of notPassed) expect(r.note).toMatch(/^not applicable: /);
        expect(report.conforms).toBe(true);
      }
    });
  },
);

describe('token format', () => {
  const opaque = variants.find((v) => v.name === 'opaque-tokens') as Variant;
  it('--tokens jwt: opaque tokens fail tokens-are-jwts even without --strict', async () => {
    const report = await run(opaque, false, { tokens: 'jwt' });
    expect(verdicts(report)['tokens-are-jwts']).toBe('fail');
    expect(report.results.find((r) => r.id === 'tokens-are-jwts')?.problems[0]?.summary).toMatch(
      /^\/result\/access_token is not a signed JWT: it has 1 dot-separated part/,
    );
    expect(report.conforms).toBe(false);
  });
  it('--tokens opaque: the JWT checks do not apply, even to JWTs', async () => {
    const report = await run(variants.find((v) => v.name === 'reference') as Variant, true, { tokens: 'opaque' });
    const skipped = report.results.filter((r) => r.verdict === 'skip');
    expect(skipped.map((r) => r.id).sort()).toEqual([...(opaque.skipped ?? [])].sort());
    for (const r of skipped) expect(r.note).toContain('--tokens opaque');
  });
});

describe.each(variants.filter((v) => v.kind !== 'correct').map((v) => [v.name, v] as const))(
  'fixture server %s',
  (_name, variant) => {
    it(`is flagged by ${variant.flagged.join(', ')}`, async () => {
      const report = await run(variant);
      const seen = verdicts(report);
      for (const id of variant.flagged) expect(seen[id], id).toBe(variant.kind === 'broken' ? 'fail' : 'warn');
      // An exclusive fixture's fault is caught by the checks it names and by no other.
      if (variant.exclusive) {
        const objecting = report.results.filter((r) => r.verdict === 'fail' || r.verdict === 'warn').map((r) => r.id);
        expect(objecting.sort()).toEqual([...variant.flagged].sort());
      }
      expect(report.conforms).toBe(variant.kind === 'questionable');
      if (variant.kind === 'questionable') {
        const strict = verdicts(await run(variant, true));
        for (const id of variant.flagged) expect(strict[id], id).toBe('fail');
      }
    });
  },
);

describe('the budget of the generated and property checks', () => {
  const budgeted = [
    'only-exact-password',
    'credentials-only-in-body',
    'cors-no-credentialed-reflection',
    'no-timing-enumeration',
    'generated-requests',
    'errors-leak-nothing',
    'browser-safe-answers',
  ];
  const sentBy = (report: RunReport) =>
    report.results.filter((r) => budgeted.includes(r.id)).reduce((n, r) => n + r.requests.length, 0);

  it.each([0, 30, 120])('--budget %i: never more requests than that, whatever fails', async (budget) => {
    for (const name of ['reference', 'crash-on-unusual-user', 'accepts-wrong-password']) {
      const report = await run(variants.find((v) => v.name === name) as Variant, false, { budget, seed: 9 });
      expect(sentBy(report), name).toBeLessThanOrEqual(budget);
    }
  });

  it('the same seed sends the same requests; the default budget covers every systematic case', async () => {
    const reference = variants.find((v) => v.name === 'reference') as Variant;
    const requests = async () =>
      (await run(reference, false, { seed: 11 })).results.flatMap((r) =>
        r.requests.map((q) => `${q.method} ${q.label}`),
      );
    const first = await requests();
    expect(await requests()).toEqual(first);
    expect(first.filter((l) => l.includes('generated: ')).length).toBeGreaterThan(250);
  });
});
