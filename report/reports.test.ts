// The three outputs of one real run (a fixture server with faults, so every verdict appears):
// JUnit parsed by a real XML parser, JSON validated against its schema, console read line by line.
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeFetchFor } from '../contract-tests/fixtures/fake-fetch.ts';
import { findVariant, type Variant } from '../contract-tests/fixtures/servers/catalogue.ts';
import { type RunReport, runContract } from '../contract-tests/runner.ts';
import { formatResult, formatSummary } from './console.ts';
import { jsonReportSchema, toJson } from './json.ts';
import { toJunit, xmlEscape } from './junit.ts';

// Accepts any password (FAIL), no Cache-Control (WARN), and so tokens show up in failure output.
const variant: Variant = {
  ...(findVariant('accepts-wrong-password') as Variant),
  name: 'report-fixture',
  tweak: (request, ref) => {
    const base = findVariant('accepts-wrong-password')?.tweak?.(request, ref) ?? ref.handle(request);
    if (base === 'hang' || base === 'reset') return base;
    const { 'cache-control': _, ...headers } = base.headers;
    return { ...base, headers };
  },
};

let report: RunReport;
beforeAll(async () => {
  const outcome = await runContract({
    baseUrl: 'http://report.test',
    user: 'alice',
    password: 'wonderland',
    fetch: fakeFetchFor(variant),
    skip: ['tampered-refresh-rejected'],
  });
  if (outcome.kind !== 'report') throw new Error(outcome.message);
  report = outcome.report;
});

describe('JUnit report', () => {
  it('is well-formed XML with one testcase per check and the right counts', () => {
    const xml = toJunit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (name) => name === 'testcase',
    }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    expect(Number(suite['@tests'])).toBe(report.results.length);
    expect(Number(suite['@failures'])).toBe(report.summary.failed);
    expect(Number(suite['@skipped'])).toBe(report.summary.skipped);
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(report.summary.warnings).toBeGreaterThan(0);
    const cases = suite.testcase as Record<string, unknown>[];
    expect(cases.map((c) => c['@name'])).toEqual(report.results.map((r) => r.id));
    const failing = cases.filter((c) => 'failure' in c).map((c) => c['@name']);
    expect(failing).toEqual(report.results.filter((r) => r.verdict === 'fail').map((r) => r.id));
    const warned = cases.find((c) => c['@name'] === 'cache-control-no-store');
    expect(String(warned?.['system-out'])).toContain('WARNING');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const escaped = xmlEscape('<a href="x">&\u0000\u001b</a>');
    expect(escaped).toBe('&lt;a href=&quot;x&quot;&gt;&amp;\ufffd\ufffd&lt;/a&gt;');
    expect(XMLValidator.validate(`<x a="${escaped}">${escaped}</x>`)).toBe(true);
  });
});

describe('JSON report', () => {
  it('validates against its published schema', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    formatsModule.default(ajv);
    const validate = ajv.compile(jsonReportSchema);
    const json = JSON.parse(toJson(report, 1));
    expect(validate(json), ajv.errorsText(validate.errors)).toBe(true);
    expect(json.exitCode).toBe(1);
    expect(json.results.find((r: { id: string }) => r.id === 'wrong-password-rejected').verdict).toBe('fail');
  });
});

describe('all outputs', () => {
  it('hold no password and no whole token', () => {
    const everything = [
      toJunit(report),
      toJson(report, 1),
      ...report.results.map((r) => formatResult(r)),
      formatSummary(report),
    ].join('\n');
    expect(everything).toContain('***');
    expect(everything).toContain('eyJ0eXAi…');
    expect(everything).not.toContain('wonderland');
    expect(everything).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });

  it('console: one line per check, evidence under a failure, the count last', () => {
    const failed = report.results.find((r) => r.id === 'wrong-password-rejected');
    const text = formatResult(failed as NonNullable<typeof failed>);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^FAIL {2}wrong-password-rejected +robustness {2}A wrong password gets no tokens$/);
    expect(text).toContain(
      'request:  POST /v1/api/auth/login (Content-Type: application/json) {"user":"alice","password":"***"}',
    );
    expect(text).toContain(
      'expected: a rejection: a 4xx status, or HTTP 200 with a non-zero code; no tokens; never a 5xx',
    );
    expect(text).toMatch(/actual: {3}status 200/);
    expect(text).toContain('field:    /result/access_token');
    const summary = formatSummary(report).trim().split('\n');
    expect(summary.at(-1)).toMatch(
      new RegExp(
        `^${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.warnings} warned, ${report.summary.skipped} skipped in [\\d.]+ s$`,
      ),
    );
  });
});
