// The `npm run contract -- --har FILE` branch: judges a recording, prints one line per exchange,
// writes the usual reports and exits as a live run does (0 conforms, 1 violations, 2 unusable file).
// With --compare-mock, the recorded requests also go to the kit's mock and the answers are compared.
import { readFileSync, writeFileSync } from 'node:fs';
import type { RunReport } from '../judge/verdicts.ts';
import { formatResult, formatSummary } from '../report/console.ts';
import { createTrafficOutputs, reportText } from '../report/outputs.ts';
import { formatJudgement } from '../report/tally.ts';
import type { CliOptions } from './args.ts';
import { judgeHar } from './har-verdicts.ts';

export async function judgeRecording(options: CliOptions, only: string[]): Promise<never> {
  const file = options.har ?? '';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`contract: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    process.exit(2);
  }
  process.stdout.write(
    `Judging the recording ${file} against the Login API contract${options.strict ? ' (strict)' : ''}\n`,
  );
  const traffic = createTrafficOutputs('har');
  const outcome = await judgeHar(text, {
    strict: options.strict,
    timeoutMs: options.timeoutMs,
    only,
    baseUrl: options.baseUrl,
    onJudgement: (judgement) => {
      traffic.addJudgement(judgement);
      process.stdout.write(`${formatJudgement(judgement)}\n`);
    },
    onWarning: (warning) => process.stderr.write(`contract: ${file}: warning: ${warning}\n`),
  });
  if (outcome.kind === 'invalid') {
    process.stderr.write(`contract: ${file} is not a usable HAR recording: ${outcome.message}\n`);
    process.exit(2);
  }
  const { tally } = outcome;
  const report: RunReport & { drift?: unknown } = outcome.report;
  let exitCode = report.conforms ? 0 : 1;
  let driftText = '';
  const sections: string[] = [];
  if (options.compareMock) {
    const { compareRecordingWithMock } = await import('./compare-recording.ts');
    const { reportDrift } = await import('./mock-drift.ts');
    const comparison = await compareRecordingWithMock(text, { timeoutMs: options.timeoutMs });
    if ('error' in comparison) {
      process.stderr.write(`contract: ${file} is not a usable HAR recording: ${comparison.error}\n`);
      process.exit(2);
    }
    const drift = reportDrift(
      comparison,
      {
        ...options,
        source: `the server recorded in ${file}`,
        mock: 'the mock (stateful, in-process, sent the recorded requests)',
      },
      (more) => {
        driftText += more;
      },
    );
    if (comparison.skipped > 0) {
      driftText += `(${comparison.skipped} recorded request${comparison.skipped === 1 ? '' : 's'} outside the documented paths not compared)\n`;
    }
    report.drift = drift.json;
    sections.push(drift.html);
    if (options.failOnDrift && drift.drifted && exitCode === 0) exitCode = 1;
  }
  process.stdout.write('\n');
  for (const result of report.results) process.stdout.write(`${formatResult(result, { color: options.color })}\n`);
  for (const { format, file: out } of options.reports) {
    const html = { source: 'har' as const, title: `Recording ${file} judged`, sections };
    writeFileSync(out, reportText(format, { report, exitCode, html, traffic }));
  }
  process.stdout.write(`${formatSummary(report)}\n${tally.exchanges} exchanges, ${tally.violations} violations\n`);
  process.stdout.write(driftText);
  for (const { format, file: out } of options.reports) process.stdout.write(`${format} report: ${out}\n`);
  process.exit(exitCode);
}
