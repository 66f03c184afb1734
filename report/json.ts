// The JSON report: the run as data, with a JSON Schema so consumers (and our tests) can validate it.
import type { RunReport } from '../judge/verdicts.ts';
import { driftJsonSchema } from './drift.ts';

export const jsonReportVersion = 1;

/** The report, with the drift section of a `--compare-mock` run when there is one. */
export function toJson(report: RunReport & { drift?: unknown }, exitCode: number): string {
  return `${JSON.stringify({ $schemaVersion: jsonReportVersion, tool: 'login-api-contract', exitCode, ...report }, null, 2)}\n`;
}

const problem = {
  type: 'object',
  additionalProperties: false,
  required: ['summary'],
  properties: {
    summary: { type: 'string' },
    request: { type: 'string' },
    expected: { type: 'string' },
    actual: { type: 'string' },
    pointer: { type: 'string' },
    rule: { type: 'string' },
    reproduce: { type: 'string' },
  },
} as const;

const request = {
  type: 'object',
  additionalProperties: false,
  required: ['label', 'method', 'path', 'durationMs'],
  properties: {
    label: { type: 'string' },
    method: { type: 'string' },
    path: { type: 'string' },
    status: { type: 'integer' },
    contentType: { type: 'string' },
    failure: { type: 'string' },
    retried: { type: 'string' },
    durationMs: { type: 'number', minimum: 0 },
  },
} as const;

/** JSON Schema (2020-12) of the JSON report. */
export const jsonReportSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Login API contract report',
  type: 'object',
  additionalProperties: false,
  required: [
    '$schemaVersion',
    'tool',
    'exitCode',
    'baseUrl',
    'startedAt',
    'durationMs',
    'strict',
    'timeoutMs',
    'conforms',
    'summary',
    'results',
  ],
  properties: {
    $schemaVersion: { const: jsonReportVersion },
    tool: { const: 'login-api-contract' },
    exitCode: { enum: [0, 1, 2] },
    baseUrl: { type: 'string', format: 'uri' },
    startedAt: { type: 'string', format: 'date-time' },
    durationMs: { type: 'number', minimum: 0 },
    strict: { type: 'boolean' },
    timeoutMs: { type: 'integer', minimum: 1 },
    conforms: { type: 'boolean' },
    cannotJudge: { type: 'string', description: 'why the run could not judge the server (exit 2)' },
    notices: { type: 'array', items: { type: 'string' }, description: 'how the run connected (TLS, proxy)' },
    drift: { ...driftJsonSchema, description: "where the mock's answers differ from the server's (--compare-mock)" },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['passed', 'failed', 'warnings', 'skipped'],
      properties: {
        passed: { type: 'integer', minimum: 0 },
        failed: { type: 'integer', minimum: 0 },
        warnings: { type: 'integer', minimum: 0 },
        skipped: { type: 'integer', minimum: 0 },
      },
    },
    results: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'level', 'rationale', 'verdict', 'problems', 'durationMs', 'requests'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9-]+$' },
          title: { type: 'string' },
          level: { enum: ['documented', 'robustness', 'inferred'] },
          rationale: { type: 'string' },
          verdict: { enum: ['pass', 'fail', 'warn', 'skip'] },
          problems: { type: 'array', items: problem },
          note: { type: 'string' },
          durationMs: { type: 'number', minimum: 0 },
          requests: { type: 'array', items: request },
        },
      },
    },
  },
} as const;
