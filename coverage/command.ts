// `npm run coverage -- FILE… [--min PERCENT] [--require ITEM …] [--report KIND=FILE …]` as a
// function: merges coverage files, prints what the spec defines against what was exercised, writes
// the reports and returns the exit code (0 enough was exercised, 1 not, 2 unusable arguments or files).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CoverageFile,
  kitCoverageModel,
  mergeCoverage,
  parseRequirement,
  type Requirement,
  readCoverage,
  requirementMet,
  summarizeCoverage,
} from '../report/coverage-model.ts';
import { type CoverageVerdict, coverageToJson, coverageToJunit, formatCoverage } from '../report/coverage-report.ts';
import { renderHtml } from '../report/html.ts';

export interface CoverageIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const coverageHelp = `Usage: npm run coverage -- FILE... [options]   (installed: login-api-coverage FILE...)

Merges coverage files (written by npm start -- --coverage FILE, the msw handlers'
coverage option, npm run contract / npm run proxy / contract --har with --report coverage=FILE)
and prints, per operation of the spec, which documented statuses, named examples, Prefer
scenarios and kinds of bad request were exercised and which never were.

Options
  --min PERCENT          exit 1 when less than PERCENT (0-100) of the items were exercised
  --require ITEM         exit 1 when ITEM was never exercised (repeat). ITEM is OP (anything of
                         the operation), OP:STATUS (login:429), [OP:]example=NAME
                         (refreshToken:example=expired-token), [OP:]scenario=NAME
                         (scenario=network-error) or [OP:]refusal=KIND (login:refusal=missing-password)
  --report json=FILE     write the merged coverage and the verdict as JSON
  --report junit=FILE    write a JUnit report: one test case per item (never exercised: skipped;
                         a required item never exercised and the threshold: failures)
  --report html=FILE     write a self-contained HTML page with the coverage as a heat map
  -h, --help             show this help

Exit codes
  0  enough was exercised (or no --min / --require given)
  1  under --min, or a --require item was never exercised
  2  bad arguments, or a file that cannot be read or is not a coverage file`;

/** Coverage files are small (one count per item); anything this big is something else. */
const maxFileBytes = 16 * 1024 * 1024;

type Format = 'json' | 'junit' | 'html';

export function runCoverage(argv: string[], io: CoverageIo): number {
  const usage = (message: string) => {
    io.stderr.write(`coverage: ${message}\nRun with --help for usage.\n`);
    return 2;
  };
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${coverageHelp}\n`);
    return 0;
  }
  if (positionals.length === 0) return usage('name at least one coverage file');

  let min: number | undefined;
  if (values.min !== undefined) {
    const raw = values.min.trim().replace(/%$/, '');
    min = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || min > 100)
      return usage(`--min must be a percentage from 0 to 100, got "${values.min}"`);
  }
  const model = kitCoverageModel();
  const requirements: Requirement[] = [];
  for (const text of values.require ?? []) {
    const requirement = parseRequirement(model, text);
    if (typeof requirement === 'string') return usage(requirement);
    requirements.push(requirement);
  }
  const reports: { format: Format; file: string }[] = [];
  for (const spec of values.report ?? []) {
    const match = /^(json|junit|html)=(.+)$/.exec(spec);
    if (!match) return usage(`--report "${spec}" must be json=FILE, junit=FILE or html=FILE`);
    const file = match[2] as string;
    const dir = dirname(resolve(file));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return usage(`report directory ${dir} does not exist`);
    reports.push({ format: match[1] as Format, file });
  }

  const files: CoverageFile[] = [];
  for (const name of positionals) {
    let text: string;
    try {
      if (statSync(name).size > maxFileBytes) return usage(`${name} is larger than 16 MiB: not a coverage file`);
      text = readFileSync(name, 'utf8');
    } catch (error) {
      return usage(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return usage(`${name} is not JSON: ${(error as Error).message}`);
    }
    const read = readCoverage(value);
    if (!read.ok) return usage(`${name}: ${read.message}`);
    files.push(read.file);
  }

  const merged = mergeCoverage(model, files);
  const summary = summarizeCoverage(model, merged.file.counts);
  const required = requirements.map((r) => ({ text: r.text, met: requirementMet(r, merged.file.counts) }));
  const belowMin = min !== undefined && summary.percent < min;
  const verdict: CoverageVerdict = {
    summary,
    min,
    belowMin,
    required,
    unknown: merged.unknown,
    files: positionals,
    exitCode: belowMin || required.some((r) => !r.met) ? 1 : 0,
  };
  io.stdout.write(formatCoverage(model, merged.file, verdict));
  for (const { format, file } of reports) {
    const text =
      format === 'json'
        ? coverageToJson(merged.file, verdict)
        : format === 'junit'
          ? coverageToJunit(model, merged.file, verdict)
          : renderHtml({
              source: 'coverage',
              title: `Coverage of ${model.title} ${model.version}`,
              exitCode: verdict.exitCode,
              coverage: { model, counts: merged.file.counts, undocumented: merged.file.undocumentedStatuses, verdict },
            });
    writeFileSync(file, text);
    io.stdout.write(`${format} report: ${file}\n`);
  }
  return verdict.exitCode;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      min: { type: 'string' },
      require: { type: 'string', multiple: true },
      report: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
