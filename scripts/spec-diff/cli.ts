/**
 * `npm run spec:diff -s -- --base REF_OR_FILE [--head REF_OR_FILE]`: classify every change between
 * two versions of the generated spec. Exit 0: nothing unaccepted at the fail level; 1: breaking
 * changes or stale acceptances; 2: unusable arguments or inputs.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { format as formatLine, parseArgs } from 'node:util';
import { type Acceptance, applyAcceptances, parseAcceptances } from './accept.ts';
import { RULES } from './catalogue.ts';
import { diffSpecs, SpecDiffError } from './diff-specs.ts';
import { formatGithub } from './formats/github.ts';
import { formatJson } from './formats/json.ts';
import { formatJunit } from './formats/junit.ts';
import { formatMarkdown } from './formats/markdown.ts';
import { formatText } from './formats/text.ts';
import { DOCS_FILE, type LoadedSpec, loadSpec, readAt, SPEC_DIR } from './load-spec.ts';
import { docsLines, lineFor, operationAt } from './locate.ts';
import { LEVELS, type LocatedChange, passed, type Report } from './report.ts';
import type { Change, DeprecationPolicy, Level } from './types.ts';

const DEFAULT_ACCEPT_FILE = join(SPEC_DIR, 'accepted-changes.yaml');
const FORMATS = {
  text: formatText,
  json: formatJson,
  markdown: formatMarkdown,
  github: formatGithub,
  junit: formatJunit,
};
type Format = keyof typeof FORMATS;

const USAGE = `usage: npm run spec:diff -s -- --base REF_OR_FILE [--head REF_OR_FILE] [options]

  --base REF_OR_FILE   the version to compare against: a git revision (HEAD~1, origin/main, a tag, a
                       sha: its committed spec/generated/openapi.yaml), REV:path/to/openapi.yaml, or
                       an OpenAPI file
  --head REF_OR_FILE   the new version, same forms (default: the working tree's
                       spec/generated/openapi.yaml, regenerated from the docs + overlay when stale);
                       a path that exists is read as a file, anything else as a git revision
  --accept FILE        accepted changes (default: spec/accepted-changes.yaml when it exists)
  --accept-breaking    report breaking changes but do not fail on them
  --fail-on LEVEL      ERR (default) or WARN: the lowest level that fails the run
  --format FORMAT      text (default), json, markdown (a PR comment), github (annotations, and the
                       markdown in $GITHUB_STEP_SUMMARY when set) or junit
  --output FILE        write the report to FILE instead of stdout
  --today YYYY-MM-DD   the date acceptances' "until" and x-sunset dates are checked against
                       (default: today, UTC)
  --deprecation-policy removing an operation, parameter or property is allowed (INFO) once it was
                       deprecated with an x-sunset date that has passed, and is an ERR before;
                       a sunset may not be dropped, unreadable or moved sooner (docs/ci-gate.md)
  --deprecation-days-beta N, --deprecation-days-stable N
                       with the policy (either turns it on): the notice, in days from --today, a new
                       or moved x-sunset must give (beta: x-stability-level beta; stable: the rest)
  --help               this text

Use npm's -s (or --output) for machine formats: without it npm prints its banner on stdout.
Exit status: 0 no unaccepted change at the fail level, 1 breaking changes or stale acceptances,
2 unusable arguments or inputs.`;

/** Where the command's output goes; the process's own streams and environment by default. */
export interface SpecDiffIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

const processIo: SpecDiffIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

/** Arguments the command cannot use: exit 2 with the usage. */
class UsageError extends Error {}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      accept: { type: 'string' },
      'accept-breaking': { type: 'boolean', default: false },
      'fail-on': { type: 'string', default: 'ERR' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      today: { type: 'string' },
      'deprecation-policy': { type: 'boolean', default: false },
      'deprecation-days-beta': { type: 'string' },
      'deprecation-days-stable': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
}

/** The command as a function (its tests run it in their own process): the exit status. */
export async function main(argv: string[], io: SpecDiffIo = processIo): Promise<number> {
  try {
    return await compare(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`spec:diff: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    // Exit 1 means "breaking changes" to CI, so anything that stopped the comparison is a 2.
    if (error instanceof SpecDiffError) io.err(`spec:diff: ${error.message}\n`);
    else io.err(`${formatLine('spec:diff: could not compare:', error)}\n`);
    return 2;
  }
}

async function compare(argv: string[], io: SpecDiffIo): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (values.base === undefined) throw new UsageError('--base is required');
  const failOn = values['fail-on'] as Level;
  if (!LEVELS.includes(failOn) || failOn === 'INFO')
    throw new UsageError(`--fail-on must be ERR or WARN, not ${failOn}`);
  if (!Object.hasOwn(FORMATS, values.format))
    throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
  const format = values.format as Format;
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
    throw new UsageError(`--today must be a date such as 2027-03-31, not ${today}`);

  const deprecation = deprecationPolicy(values, today);

  const [base, head] = await Promise.all([loadSpec(values.base), loadSpec(values.head)]);
  const { current, inherited } = await acceptances(base, values.accept);
  const { changes, stale, shipped } = applyAcceptances(
    diffSpecs(base.document, head.document, RULES, deprecation ? { deprecation } : {}),
    current,
    today,
    inherited,
  );
  const located = await locate(changes, base, head);
  const report: Report = {
    base: base.label,
    head: head.label,
    failOn,
    acceptFile: relative(process.cwd(), values.accept ?? DEFAULT_ACCEPT_FILE),
    changes: values['accept-breaking']
      ? located.map((c) => (c.level === 'INFO' || c.accepted ? c : { ...c, accepted: '--accept-breaking' }))
      : located,
    stale,
    shipped,
    notes: [...base.notes.map((n) => `base: ${n}`), ...head.notes.map((n) => `head: ${n}`)],
  };
  // Notes go to stderr so that stdout stays one clean document in every format.
  for (const note of report.notes) io.err(`spec:diff: note: ${note}\n`);
  const output = FORMATS[format](report);
  if (values.output) await writeFile(values.output, `${output.trimEnd()}\n`);
  else io.out(`${output.trimEnd()}\n`);
  if (format === 'github' && io.env.GITHUB_STEP_SUMMARY) {
    await appendFile(io.env.GITHUB_STEP_SUMMARY, formatMarkdown(report));
  }
  return passed(report) ? 0 : 1;
}

/** The deprecation policy the options ask for, if any: a day count alone turns it on. */
function deprecationPolicy(values: ReturnType<typeof parse>['values'], today: string): DeprecationPolicy | undefined {
  const days = (option: 'deprecation-days-beta' | 'deprecation-days-stable'): number => {
    const value = values[option];
    if (value === undefined) return 0;
    if (!/^\d{1,5}$/.test(value)) throw new UsageError(`--${option} must be a number of days, not ${value}`);
    return Number(value);
  };
  const [betaDays, stableDays] = [days('deprecation-days-beta'), days('deprecation-days-stable')];
  const on =
    values['deprecation-policy'] ||
    values['deprecation-days-beta'] !== undefined ||
    values['deprecation-days-stable'] !== undefined;
  return on ? { today, betaDays, stableDays } : undefined;
}

/** Acceptances of this run, and the ones the base already had (those shipped earlier). */
async function acceptances(
  base: LoadedSpec,
  acceptFile: string | undefined,
): Promise<{ current: Acceptance[]; inherited: Acceptance[] }> {
  const file = acceptFile ?? DEFAULT_ACCEPT_FILE;
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (acceptFile === undefined && error.code === 'ENOENT') return '';
    throw new SpecDiffError(`cannot read acceptance file ${file}: ${error.code}`);
  });
  const current = parseAcceptances(text, relative(process.cwd(), file));
  const atBase = base.revision ? await readAt(base.revision, file) : undefined;
  // The base's entries only tell which current ones are inherited: a broken old file is no reason to stop.
  let inherited: Acceptance[] = [];
  try {
    inherited = atBase ? parseAcceptances(atBase, `${file} at ${base.label}`) : [];
  } catch {}
  return { current, inherited };
}

/** Adds the operation and the docs line to each change: head's docs first, then the base's (for removals). */
async function locate(changes: readonly Change[], base: LoadedSpec, head: LoadedSpec): Promise<LocatedChange[]> {
  const docsFile = relative(process.cwd(), DOCS_FILE);
  const headDocs = head.revision
    ? await readAt(head.revision, DOCS_FILE)
    : await readFile(DOCS_FILE, 'utf8').catch(() => undefined);
  const baseDocs = base.revision ? await readAt(base.revision, DOCS_FILE) : undefined;
  const headLines = docsLines(headDocs ?? '');
  const baseLines = docsLines(baseDocs ?? '');
  return changes.map((change) => {
    const operation = operationAt(change.pointer);
    const inHead = lineFor(headLines, operation);
    const inBase = inHead === undefined ? lineFor(baseLines, operation) : undefined;
    const docs =
      inHead !== undefined
        ? { file: docsFile, line: inHead, ...(head.revision ? { revision: head.label } : {}) }
        : inBase !== undefined
          ? { file: docsFile, line: inBase, revision: base.label }
          : undefined;
    return { ...change, ...operation, ...(docs ? { docs } : {}) };
  });
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
