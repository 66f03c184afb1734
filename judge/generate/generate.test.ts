// The request generator: seeded (same seed, same requests), covering every field with every kind
// of value, judging each case by what it sends, shrinking failures, and quoting curl lines safely.
import { describe, expect, it } from 'vitest';
import { loadApi } from '../api.ts';
import { createBudget } from '../budget.ts';
import { bodyText, expectationOf, type GeneratedCase, generateCases, toRequest } from './cases.ts';
import { curlLine } from './curl.ts';
import { nearMissPasswords } from './near-miss.ts';
import { createRng } from './prng.ts';
import { shrink } from './shrink.ts';

const api = loadApi();
const known = { user: 'alice@example.com', password: 'wonderland' };
const take = (seed: number, n: number) => {
  const out: GeneratedCase[] = [];
  for (const c of generateCases(api, known, seed)) {
    out.push(c);
    if (out.length === n) break;
  }
  return out;
};

describe('the seeded generator', () => {
  it('gives the same requests for the same seed, and others for another seed', () => {
    const a = take(42, 400).map((c) => toRequest(api, c));
    expect(take(42, 400).map((c) => toRequest(api, c))).toEqual(a);
    expect(take(43, 400).map((c) => toRequest(api, c))).not.toEqual(a);
    expect(createRng(7).next()).toBe(createRng(7).next());
  });

  it('puts every JSON type and every kind of string into every documented field, and leaves each out', () => {
    const labels = take(1, 220).map((c) => `${c.op}: ${c.label}`);
    for (const field of ['user', 'password']) {
      for (const kind of [
        'null',
        'an empty array',
        'a query operator object ({"$ne": null})',
        'an unpaired high surrogate',
        'right-to-left text',
        'a NUL character',
        'an astral emoji',
      ]) {
        expect(labels).toContain(`login: ${field} is ${kind}`);
      }
      expect(labels).toContain(`login: ${field} left out`);
    }
    expect(labels).toContain('refresh: refresh_token is combining marks');
    expect(labels).toContain('login: the right body by GET');
    expect(labels).toContain('login: the right body as multipart');
    expect(labels).toContain('login: a field given twice');
    expect(labels).toContain('login: the user name in another letter case with a wrong password');
  });

  it('writes unpaired surrogates as \\u escapes, so the JSON text stays valid UTF-8', () => {
    const c = take(1, 220).find((x) => x.label === 'user is an unpaired high surrogate') as GeneratedCase;
    expect(bodyText(c.body)).toContain('\\ud800');
  });

  it('expects tokens only for the exact password with the user in any letter case', () => {
    const login = (
      user: unknown,
      password: unknown,
      contentType = 'application/json',
      method = 'POST',
    ): GeneratedCase => ({
      op: 'login',
      method,
      contentType,
      body: { kind: 'json', value: { user, password } as never },
      label: 'x',
    });
    expect(expectationOf(api, login(known.user, known.password), known)).toBe('any');
    expect(expectationOf(api, login('ALICE@EXAMPLE.COM', known.password), known)).toBe('any');
    expect(expectationOf(api, login(' alice@example.com', known.password), known)).toBe('refusal');
    expect(expectationOf(api, login(known.user, 'WONDERLAND'), known)).toBe('refusal');
    expect(expectationOf(api, login(known.user, [known.password]), known)).toBe('refusal');
    expect(expectationOf(api, login(known.user, known.password, 'text/plain'), known)).toBe('refusal');
    expect(expectationOf(api, login(known.user, known.password, 'application/json', 'PUT'), known)).toBe('not-served');
  });

  it('never puts the real password into a random case', () => {
    const random = take(5, 2000).slice(200);
    for (const c of random) if (c.op === 'login') expect(expectationOf(api, c, known)).not.toBe('any');
  });
});

describe('shrinking', () => {
  it('drops fields and halves strings while the failure stays, within the attempts allowed', async () => {
    const failing: GeneratedCase = {
      op: 'login',
      method: 'POST',
      contentType: 'application/json',
      body: { kind: 'json', value: { user: 'José Müller', password: 'x'.repeat(50), extra: [1, 2] } },
      label: 'user is accented letters',
    };
    // The fault: any user name with a non-ASCII letter.
    const fails = async (c: GeneratedCase) =>
      /[^\x20-\x7e]/.test(bodyText(c.body)?.replace(/\\u[0-9a-f]{4}/g, 'é') ?? '');
    const { smallest, steps } = await shrink(failing, fails, 100);
    expect(smallest.body).toEqual({ kind: 'json', value: { user: 'é' } });
    expect(steps).toBeGreaterThan(2);
    const bounded = await shrink(failing, fails, 3);
    expect(bounded.attempts).toBe(3);
  });
});

describe('near-miss passwords', () => {
  it('are never the password, and cover case, truncation, extension, whitespace, NUL and Unicode forms', () => {
    const misses = nearMissPasswords('S3cret-pass!w0rd');
    expect(misses.map((m) => m.value)).not.toContain('S3cret-pass!w0rd');
    const labels = misses.map((m) => m.label);
    for (const label of [
      'in upper case',
      'cut short at 8 bytes',
      'with one character more',
      'with a trailing space',
      'empty',
      'with a trailing NUL',
      'in fullwidth letters (NFKC turns them back)',
    ]) {
      expect(labels).toContain(label);
    }
    expect(nearMissPasswords('p"ä ß\\wörd 🔑').some((m) => m.label === 'in NFD form')).toBe(true);
    // A password with no letters still gets its near misses, and never a duplicate.
    const digits = nearMissPasswords('12345678').map((m) => m.value);
    expect(new Set(digits).size).toBe(digits.length);
  });
});

describe('curl lines', () => {
  it('quote for the shell and escape what a terminal would mangle', () => {
    expect(
      curlLine('http://h/p', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"u":"o'b"}` }),
    ).toBe(`curl -sS -i -X POST 'http://h/p' -H 'content-type: application/json' --data-binary '{"u":"o'\\''b"}'`);
    expect(curlLine('http://h/p', { method: 'POST', body: '{"u":"é😀"}' })).toContain(
      `--data-binary $'{"u":"\\u00e9\\U0001f600"}'`,
    );
    expect(curlLine('http://h/p', { method: 'POST', body: 'x' })).toContain(
      `-H 'content-type: text/plain;charset=UTF-8'`,
    );
  });
});

describe('the budget', () => {
  it('counts a rate-limited request sent again twice and stops in time', () => {
    let left = 10_000;
    const budget = createBudget({ limit: 3, remainingMs: () => left, reserveMs: 5000 });
    budget.charge({ retried: { status: 429, waitedMs: 1000 } } as never);
    expect(budget.allows()).toBe(true);
    expect(budget.allows(2)).toBe(false);
    left = 4000;
    expect(budget.allows()).toBe(false);
    expect(budget.exhausted()).toContain('time');
  });
});
