// The drift report formats: the console table and the HTML section show the same differences,
// control characters and markup from a server never reach the terminal or the page as such.
import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../judge/drift/drift.ts';
import { driftHtmlSection, driftToJson, formatDrift } from './drift.ts';

const drift: DriftReport = {
  paired: 2,
  differing: 1,
  unpaired: 1,
  byAspect: { answer: 0, status: 1, 'media type': 0, body: 0, code: 1, header: 0, timing: 0 },
  rows: [
    {
      label: 'login with a wrong password',
      method: 'POST',
      path: '/v1/api/auth/login',
      server: '200 application/json code "<b>\u001b[31m"',
      mock: '401 application/json code 401',
      differences: [
        { aspect: 'status', what: 'status', server: '200', mock: '401' },
        { aspect: 'code', what: '/code', server: '"<b>\u001b[31m"', mock: '401' },
      ],
      exchanges: {},
    },
    {
      label: 'login',
      method: 'POST',
      path: '/v1/api/auth/login',
      server: '200',
      mock: '200',
      differences: [],
      exchanges: {},
    },
    { label: 'only here', method: 'POST', path: '/v1/api/auth/login', mock: '400', differences: [], exchanges: {} },
  ],
};
const context = { mock: 'the mock', failOnDrift: false };

describe('drift report formats', () => {
  it('prints a line per difference, grouped by request, and the unpaired', () => {
    const text = formatDrift(drift, context);
    expect(text).toContain('2 paired, 1 differ (status 1, code 1)');
    expect(text).toMatch(/login with a wrong password\s+status\s+200\s+401\n\s+code \/code\s+"<b>\ufffd\[31m"\s+401/);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('only the mock got "only here"');
    expect(text).toContain('--fail-on-drift makes it fail the run');
    expect(formatDrift(drift, { ...context, failOnDrift: true })).toContain('Drift fails this run');
  });

  it('escapes the HTML section', () => {
    const html = driftHtmlSection(drift, context);
    expect(html).toMatch(/^<section class="drift">[\s\S]*<\/section>$/);
    expect(html).toContain('<td>login with a wrong password</td><td>status</td><td>200</td><td>401</td>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;b&#62;');
  });

  it('leaves the exchanges out of the JSON section', () => {
    const json = driftToJson(drift, context);
    expect(JSON.stringify(json)).not.toContain('exchanges');
    expect(json.rows).toHaveLength(3);
  });
});
