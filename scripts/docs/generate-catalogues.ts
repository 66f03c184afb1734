/**
 * `npm run docs:catalogues`: write docs/checks.md and docs/diff-rules.md from the code.
 * `--check`: exit 1, naming each stale page, when a page differs from what the code would write.
 * `--dir DIR` works on another docs folder (used by the tests).
 */
import { join } from 'node:path';
import { checks } from '../../judge/checks/index.ts';
import { type GeneratorIo, parseGeneratorArgs, processIo, reportGenerated } from '../generated-files.ts';
import { RULES } from '../spec-diff/catalogue.ts';
import { corpusSummary } from '../spec-diff/oasdiff-corpus/corpus.ts';
import { LEVEL_NOTES } from '../spec-diff/rule-notes.ts';
import { checksPage, diffRulesPage } from './catalogue-pages.ts';

const generator = {
  command: 'docs:catalogues',
  checkCommand: 'docs:check',
  usage: 'node scripts/docs/generate-catalogues.ts [--check] [--dir DOCS_DIR]',
  upToDate: 'catalogue pages are up to date',
};

/** The command as a function (the tests run it in their own process): the exit code. */
export async function runCatalogues(argv: string[], io: GeneratorIo = processIo()): Promise<number> {
  const args = parseGeneratorArgs(generator, join(import.meta.dirname, '..', '..', 'docs'), argv);
  if (typeof args === 'string') {
    io.error(args);
    return 2;
  }
  const pages = [checksPage(checks), diffRulesPage(RULES, LEVEL_NOTES, corpusSummary())];
  return reportGenerated(
    generator,
    pages.map((page) => [join(args.dir, page.name), page.content] as const),
    args.check,
    io,
  );
}

if (import.meta.main) process.exitCode = await runCatalogues(process.argv.slice(2));
