/**
 * `npm run spec:diff -- --base REF_OR_FILE [--head REF_OR_FILE]`: classify every change between two
 * versions of the merged spec. Exit 0: nothing unaccepted at the fail level; 1: breaking changes;
 * 2: unusable arguments or inputs.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { type Acceptance, applyAcceptances, loadAcceptances } from './accept.ts';
import { diffSpecs, SpecDiffError } from './diff-specs.ts';
import { loadSpec, SPEC_DIR } from './load-spec.ts';
import { failures, formatJson, formatText, LEVELS, type Report } from './report.ts';
import type { Level } from './types.ts';

const DEFAULT_ACCEPT_FILE = join(SPEC_DIR, 'accepted-changes.yaml');

const USAGE = `usage: npm run spec:diff -- --base REF_OR_FILE [--head REF_OR_FILE] [options]

  --base REF_OR_FILE   the version to compare against: a git revision (HEAD, origin/main, a tag, a sha;
                       its docs + overlay are regenerated), REV:path/to/openapi.yaml, or an OpenAPI file
  --head REF_OR_FILE   the new version, same forms (default: the working tree's docs + overlay);
                       a path that exists is read as a file, anything else as a git revision
  --accept FILE        acknowledged changes (default: spec/accepted-changes.yaml when it exists)
  --accept-breaking    report breaking changes but do not fail on them
  --fail-on LEVEL      ERR (default) or WARN: the lowest level that fails the run
  --format FORMAT      text (default) or json
  --help               this text

Exit status: 0 no unaccepted change at the fail level, 1 breaking changes, 2 unusable arguments or inputs.`;

function usageError(message: string): never {
  console.error(`spec:diff: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let values: ReturnType<typeof parse>['values'];
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
      help: { type: 'boolean', default: false },
    },
  });
}
try {
  values = parse(process.argv.slice(2)).values;
} catch (error) {
  usageError((error as Error).message);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.base === undefined) usageError('--base is required');
const failOn = values['fail-on'] as Level;
if (!LEVELS.includes(failOn) || failOn === 'INFO') usageError(`--fail-on must be ERR or WARN, not ${failOn}`);
if (values.format !== 'text' && values.format !== 'json') usageError(`--format must be text or json`);

try {
  const acceptFile = values.accept ?? (existsSync(DEFAULT_ACCEPT_FILE) ? DEFAULT_ACCEPT_FILE : undefined);
  const [base, head, acceptances] = await Promise.all([
    loadSpec(values.base),
    loadSpec(values.head),
    acceptFile ? loadAcceptances(acceptFile) : Promise.resolve([] as Acceptance[]),
  ]);
  const { changes, unused } = applyAcceptances(diffSpecs(base.document, head.document), acceptances);
  const report: Report = {
    base: base.label,
    head: head.label,
    failOn,
    acceptFile: relative(process.cwd(), acceptFile ?? DEFAULT_ACCEPT_FILE),
    changes: values['accept-breaking']
      ? changes.map((c) => (c.level === 'INFO' || c.accepted ? c : { ...c, accepted: '--accept-breaking' }))
      : changes,
    unused,
  };
  console.log(values.format === 'json' ? formatJson(report) : formatText(report));
  process.exit(failures(report).length ? 1 : 0);
} catch (error) {
  // Exit 1 means "breaking changes" to CI, so anything that stopped the comparison is a 2.
  if (error instanceof SpecDiffError) console.error(`spec:diff: ${error.message}`);
  else console.error('spec:diff: could not compare:', error);
  process.exit(2);
}
