// Human output: one line per check as it finishes, the evidence under each failure, a closing count.
import type { CheckResult, RunReport } from '../judge/verdicts.ts';

const labels = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;
const colors = { pass: '\x1b[32m', fail: '\x1b[31m', warn: '\x1b[33m', skip: '\x1b[90m' } as const;
const reset = '\x1b[0m';

export interface ConsoleStyle {
  color: boolean;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Terminal control characters from a server's answer must not reach the terminal. */
export const printable = (text: string) => text.replace(controlChars, '\ufffd');

export function formatResult(result: CheckResult, style: ConsoleStyle = { color: false }): string {
  const label = labels[result.verdict];
  const tag = style.color ? `${colors[result.verdict]}${label}${reset}` : label;
  const lines: string[] = [];
  if (result.verdict === 'skip' && result.note) lines.push(`      skipped: ${result.note}`);
  if (result.verdict === 'pass' && result.note) lines.push(`      ${result.note}`);
  if (result.verdict === 'warn') lines.push('      (inferred: a warning; --strict makes it a failure)');
  for (const p of result.problems) {
    lines.push(`      ${p.summary}`);
    if (p.request) lines.push(`        request:  ${p.request}`);
    if (p.expected) lines.push(`        expected: ${p.expected}`);
    if (p.actual) lines.push(`        actual:   ${p.actual}`);
    if (p.pointer !== undefined) lines.push(`        field:    ${p.pointer === '' ? '(the whole body)' : p.pointer}`);
    if (p.rule) lines.push(`        rule:     ${p.rule}`);
    if (p.reproduce) lines.push(`        again:    ${p.reproduce}`);
  }
  const head = `${tag}  ${result.id.padEnd(28)} ${result.level.padEnd(10)}  ${result.title}`;
  return [head, ...lines.map(printable)].join('\n');
}

export function formatHeader(options: {
  baseUrl: string;
  user: string;
  checks: number;
  timeoutMs: number;
  strict: boolean;
}) {
  return `Checking ${options.baseUrl} against the Login API contract as user "${options.user}" (${options.checks} check${options.checks === 1 ? '' : 's'}, ${options.timeoutMs} ms per answer${options.strict ? ', strict' : ''})\n`;
}

export function formatSummary(report: RunReport): string {
  const { passed, failed, warnings, skipped } = report.summary;
  const verdict =
    failed === 0
      ? `The server conforms to the contract${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'} on inferred rules)` : ''}.`
      : `The server violates the contract: ${failed} check${failed === 1 ? '' : 's'} failed.`;
  return `\n${verdict}\n${passed} passed, ${failed} failed, ${warnings} warned, ${skipped} skipped in ${(report.durationMs / 1000).toFixed(1)} s`;
}
