// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one testcase per check,
// <failure> for a violation, <skipped> for a skip, warnings as passing cases with <system-out>.
import type { CheckResult, RunReport } from '../judge/verdicts.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching what XML 1.0 cannot carry is the point
const notXmlChar = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Escapes text for XML and drops characters XML 1.0 cannot carry (a server's body may hold any byte). */
export function xmlEscape(text: string): string {
  return text
    .replace(notXmlChar, '\ufffd')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function details(result: CheckResult): string {
  return result.problems
    .map((p) =>
      [
        p.summary,
        p.request && `request:  ${p.request}`,
        p.expected && `expected: ${p.expected}`,
        p.actual && `actual:   ${p.actual}`,
        p.pointer !== undefined && `field:    ${p.pointer}`,
        p.rule && `rule:     ${p.rule}`,
        p.reproduce && `again:    ${p.reproduce}`,
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n\n');
}

function testcase(result: CheckResult): string {
  const open = `    <testcase classname="contract.${result.level}" name="${xmlEscape(result.id)}" time="${seconds(result.durationMs)}">`;
  const props = `      <properties><property name="level" value="${result.level}"/><property name="title" value="${xmlEscape(result.title)}"/></properties>`;
  const first = result.problems[0]?.summary ?? '';
  switch (result.verdict) {
    case 'pass':
      return `${open}\n${props}\n    </testcase>`;
    case 'skip':
      return `${open}\n${props}\n      <skipped message="${xmlEscape(result.note ?? 'skipped')}"/>\n    </testcase>`;
    case 'warn':
      return `${open}\n${props}\n      <system-out>${xmlEscape(`WARNING (inferred check; fails only with --strict)\n${details(result)}`)}</system-out>\n    </testcase>`;
    case 'fail':
      return `${open}\n${props}\n      <failure message="${xmlEscape(first)}" type="${result.level}">${xmlEscape(details(result))}</failure>\n    </testcase>`;
  }
}

export function toJunit(report: RunReport): string {
  const { results, summary } = report;
  const time = seconds(report.durationMs);
  const errors = report.cannotJudge === undefined ? 0 : 1;
  const attrs = `tests="${results.length + errors}" failures="${summary.failed}" errors="${errors}" skipped="${summary.skipped}" time="${time}"`;
  // A run that could not judge the server is an error of the run, not a failure of a check.
  const cannotJudge =
    report.cannotJudge === undefined
      ? []
      : [
          `    <testcase classname="contract.run" name="cannot-judge" time="${time}">\n      <error message="${xmlEscape(report.cannotJudge)}" type="cannot-judge"/>\n    </testcase>`,
        ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="login-api-contract" ${attrs}>`,
    `  <testsuite name="login-api-contract" ${attrs} timestamp="${report.startedAt}">`,
    '    <properties>',
    `      <property name="baseUrl" value="${xmlEscape(report.baseUrl)}"/>`,
    `      <property name="strict" value="${report.strict}"/>`,
    `      <property name="timeoutMs" value="${report.timeoutMs}"/>`,
    `      <property name="warnings" value="${summary.warnings}"/>`,
    ...(report.notices ?? []).map((n) => `      <property name="notice" value="${xmlEscape(n)}"/>`),
    '    </properties>',
    ...cannotJudge,
    ...results.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
