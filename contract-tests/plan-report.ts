// The plan (`--plan`) for a change-approval board: a table on the console, and the same as JSON.

import { printable } from '../report/console.ts';
import type { Plan, PlannedRequest } from './plan.ts';

export const planJsonVersion = 1;

/** Headers with the same value on every request: printed once above the table. */
function commonHeaders(requests: readonly PlannedRequest[]): Record<string, string> {
  const [first, ...rest] = requests;
  if (!first) return {};
  return Object.fromEntries(
    Object.entries(first.headers).filter(([name, value]) => rest.every((r) => r.headers[name] === value)),
  );
}

const headerText = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

export function formatPlan(plan: Plan): string {
  const common = commonHeaders([...plan.requests, ...plan.conditional]);
  const own = (r: PlannedRequest) =>
    headerText(Object.fromEntries(Object.entries(r.headers).filter(([name]) => !(name in common))));
  const row = (r: PlannedRequest, n: string) => [
    n,
    r.check,
    `${r.method} ${r.path}`,
    r.label + (r.onlyWhen ? ` (only when ${r.onlyWhen})` : ''),
    own(r),
    r.body,
  ];
  const head = ['#', 'check', 'request', 'purpose', 'headers', 'body'];
  const lines = [
    `Plan: ${plan.requests.length} request${plan.requests.length === 1 ? '' : 's'} to ${plan.baseUrl} (nothing was sent)`,
    `Every request carries: ${headerText(common) || '(no headers)'} (HTTP adds Host, Content-Length and the like)`,
    '',
    ...table([head, ...plan.requests.map((r, i) => row(r, String(i + 1)))]),
  ];
  if (plan.conditional.length > 0) {
    lines.push('', 'Only when the server answers otherwise:');
    lines.push(...table([head, ...plan.conditional.map((r) => row(r, '-'))]));
  }
  lines.push('', ...plan.notes);
  return `${lines.map(printable).join('\n')}\n`;
}

export function planToJson(plan: Plan, notices: string[] = []): string {
  const document = {
    $schemaVersion: planJsonVersion,
    tool: 'login-api-contract',
    kind: 'plan',
    sent: 0,
    ...plan,
    notices,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const plannedRequest = {
  type: 'object',
  additionalProperties: false,
  required: ['check', 'label', 'method', 'path', 'url', 'headers', 'body'],
  properties: {
    check: { type: 'string', description: 'the check that sends it' },
    label: { type: 'string', description: 'what the request is for' },
    method: { type: 'string' },
    path: { type: 'string', description: 'the documented path' },
    url: { type: 'string', format: 'uri' },
    headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'secret values as ***' },
    body: { type: 'string', description: 'secrets as ***, tokens from answers as <placeholders>' },
    onlyWhen: { type: 'string', description: 'set when a real run sends it only in some cases' },
  },
} as const;

/** JSON Schema (2020-12) of the JSON plan. */
export const planJsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Login API contract plan',
  type: 'object',
  additionalProperties: false,
  required: ['$schemaVersion', 'tool', 'kind', 'sent', 'baseUrl', 'requests', 'conditional', 'notes', 'notices'],
  properties: {
    $schemaVersion: { const: planJsonVersion },
    tool: { const: 'login-api-contract' },
    kind: { const: 'plan' },
    sent: { const: 0 },
    baseUrl: { type: 'string', format: 'uri' },
    requests: { type: 'array', items: plannedRequest },
    conditional: { type: 'array', items: plannedRequest },
    notes: { type: 'array', items: { type: 'string' } },
    notices: { type: 'array', items: { type: 'string' } },
  },
} as const;
