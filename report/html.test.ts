// The HTML report as text: escaped, redacted, self-contained, bounded for long sessions.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../judge/verdicts.ts';
import { kitCoverageModel } from './coverage-model.ts';
import { createCoverageRecorder } from './coverage-recorder.ts';
import { maxTimelineRows, renderHtml, type TimelineEntry } from './html.ts';

const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw';
const report: RunReport = {
  baseUrl: 'http://127.0.0.1:1',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1200,
  strict: false,
  timeoutMs: 5000,
  conforms: false,
  summary: { passed: 0, failed: 1, warnings: 0, skipped: 0 },
  results: [
    {
      id: 'login-success',
      title: 'Login <b>answers</b>',
      level: 'documented',
      rationale: 'because "docs" & more',
      verdict: 'fail',
      problems: [
        {
          summary: 'The answer echoed the password s3cr3t-pw and <script>alert(1)</script>',
          actual: `{"password":"s3cr3t-pw","access_token":"${token}"}`,
          pointer: '',
        },
      ],
      durationMs: 3,
      requests: [{ label: 'login', method: 'POST', path: '/v1/api/auth/login', status: 200, durationMs: 3 }],
    },
  ],
};
const entry = (i: number): TimelineEntry => ({
  startedAt: 1_000 + i,
  durationMs: 2,
  method: 'POST',
  path: `/v1/api/auth/login?password=s3cr3t-pw&n=${i}`,
  status: 200,
  label: `exchange ${i}`,
  verdict: 'pass',
});

describe('renderHtml', () => {
  const html = renderHtml({
    source: 'proxy',
    title: 'Session <1>',
    exitCode: 1,
    report,
    timeline: { entries: [entry(0), entry(1)], total: 2 },
    coverage: { model: kitCoverageModel(), counts: createCoverageRecorder({ source: 't' }).toJSON().counts },
    secrets: { passwords: ['s3cr3t-pw'], tokens: [token] },
  });

  it('escapes every text and redacts secrets by value, by key and by shape', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('Login &#60;b&#62;answers&#60;/b&#62;');
    expect(html).not.toContain('s3cr3t-pw');
    expect(html).not.toContain(token);
    expect(html).not.toContain(token.slice(20));
  });

  it('is self-contained: a CSP forbidding every load, no script, no external reference', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|@import|url\(/i);
    expect(html).toContain('@media print');
    expect(html).toContain('@media (max-width:640px)');
  });

  it('puts the verdict first, then the checks, the timeline and the coverage', () => {
    const at = (needle: string) => html.indexOf(needle);
    expect(at('id="verdict"')).toBeGreaterThan(0);
    expect(at('id="verdict"')).toBeLessThan(at('id="checks"'));
    expect(at('id="checks"')).toBeLessThan(at('id="timeline"'));
    expect(at('id="timeline"')).toBeLessThan(at('id="coverage"'));
    expect(html).toContain('Violations found');
  });

  it('caps the timeline of a huge session with a note', () => {
    const entries = Array.from({ length: maxTimelineRows + 10 }, (_, i) => entry(i));
    const big = renderHtml({ source: 'proxy', title: 't', report, timeline: { entries, total: 20_000 } });
    expect(big.match(/class="row"/g)?.length).toBe(maxTimelineRows);
    expect(big).toContain(`${20_000 - maxTimelineRows} more exchange(s) not shown`);
  });
});
