/**
 * `npm run docs:catalogues`: write docs/checks.md and docs/diff-rules.md from the code.
 * `--check`: exit 1, naming each stale page, when a page differs from what the code would write.
 * `--dir DIR` works on another docs folder (used by the tests).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { checks } from '../../contract-tests/checks/index.ts';
import { RULES } from '../spec-diff/catalogue.ts';
import { checksPage, diffRulesPage } from './catalogue-pages.ts';

const DOCS_DIR = join(import.meta.dirname, '..', '..', 'docs');

let args: { check: boolean; dir: string };
try {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, dir: { type: 'string', default: DOCS_DIR } },
    strict: true,
  });
  args = { check: values.check, dir: values.dir };
} catch (error) {
  console.error(
    `docs:catalogues: ${(error as Error).message}\nusage: node scripts/docs/generate-catalogues.ts [--check] [--dir DOCS_DIR]`,
  );
  process.exit(2);
}

const pages = [checksPage(checks), diffRulesPage(RULES)];
const stale: string[] = [];
for (const page of pages) {
  const file = join(args.dir, page.name);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === page.content) continue;
  stale.push(relative(process.cwd(), file));
  if (!args.check) await writeFile(file, page.content);
}

if (args.check && stale.length) {
  for (const file of stale) console.error(`docs:check: ${file} is stale`);
  console.error('docs:check: run `npm run docs:catalogues` and commit the result');
  process.exit(1);
}
console.log(
  args.check
    ? 'docs:check: catalogue pages are up to date'
    : `docs:catalogues: ${stale.length ? `wrote ${stale.join(', ')}` : 'nothing changed'}`,
);
