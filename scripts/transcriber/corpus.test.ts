/**
 * Public GitBook api-method pages written by others (fixtures/corpus, sources in sources.yaml) as
 * regression input: each transcribes, keeps every operation, matches its reviewed golden file
 * (`npx vitest run scripts/transcriber/corpus.test.ts -u` rewrites them; review the diff), reads the
 * same with CRLF line endings, and lints with Redocly, as `npm run lint:spec` does, without errors.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { NoApiMethodError, transcribe } from './to-openapi.ts';
import { transcribeDocs } from './transcribe-docs.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const corpus = join(import.meta.dirname, 'fixtures', 'corpus');
const pages = readdirSync(corpus)
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -'.md'.length));
const read = (name: string) => readFileSync(join(corpus, `${name}.md`), 'utf8');
const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// biome-ignore lint/suspicious/noExplicitAny: the tests walk generated documents of no fixed shape
type Doc = Record<string, any>;

function operationsOf(document: Doc): string[] {
  return Object.entries(document.paths as Doc).flatMap(([path, item]) =>
    Object.keys(item as Doc)
      .filter((k) => METHODS.includes(k))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

interface Problem {
  ruleId: string;
  severity: string;
  message: string;
  location: { source: { ref: string }; pointer: string }[];
}

it('holds at least twenty-two pages', () => {
  expect(pages.length).toBeGreaterThanOrEqual(22);
  const sources = parse(readFileSync(join(corpus, 'sources.yaml'), 'utf8')) as Record<string, unknown>;
  expect(Object.keys(sources).sort()).toEqual(pages.map((p) => `${p}.md`).sort());
});

describe.each(pages)('%s', (name) => {
  const markdown = read(name);
  const { document, warnings } = transcribeDocs(markdown);

  it('transcribes to the golden OpenAPI document', async () => {
    await expect(yaml(document)).toMatchFileSnapshot(join(corpus, `${name}.openapi.yaml`));
  });

  it('keeps every block the page documents, each in an operation', () => {
    const written = markdown.match(/\{%-?\s*(?:api-method|swagger)\s/g) ?? [];
    const { blocks } = transcribe(markdown);
    expect(blocks).toHaveLength(written.length);
    const operations = operationsOf(document);
    for (const block of blocks) expect(operations).toContain(`${block.method.toUpperCase()} ${block.path}`);
  });

  it('passes its self-audit: nothing documented is missing', () => {
    expect(warnings.filter((w) => w.includes(': audit: '))).toEqual([]);
  });

  it('gives every operation a summary and a unique operationId', () => {
    const operations = Object.values(document.paths as Doc).flatMap((item) => Object.values(item as Doc));
    expect(operations.every((op: Doc) => typeof op.summary === 'string' && op.summary.trim() !== '')).toBe(true);
    const ids = operations.map((op: Doc) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads the same with CRLF line endings', () => {
    const crlf = transcribeDocs(markdown.replace(/\n/g, '\r\n'));
    expect(crlf.document).toEqual(document);
    expect(crlf.warnings).toEqual(warnings);
  });
});

describe('never aborts on content', () => {
  it.each(pages)('%s cut short anywhere still transcribes (or has no block left)', (name) => {
    const markdown = read(name);
    for (let cut = 1; cut <= 20; cut++) {
      const part = markdown.slice(0, Math.floor((markdown.length * cut) / 21));
      try {
        const { document } = transcribeDocs(part);
        expect(operationsOf(document).length).toBeGreaterThan(0);
      } catch (error) {
        expect(error).toBeInstanceOf(NoApiMethodError);
      }
    }
  });
});

describe('Redocly lint of every golden document, in one run', () => {
  let dir: string;
  let problems: Problem[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-lint-'));
    const files = pages.map((name) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, yaml(transcribeDocs(read(name)).document));
      return file;
    });
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const { stdout } = await run(process.execPath, [cli, 'lint', ...files, '--format=json'], {
      cwd: root,
      timeout: 60_000,
      maxBuffer: 32 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    // One JSON report per file, written back to back.
    problems = stdout
      .split(/(?<=^\})(?=\{)/m)
      .filter((part) => part.trim())
      .flatMap((part) => (JSON.parse(part) as { problems: Problem[] }).problems);
  }, 90_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lints every page', () => {
    const linted = new Set(problems.flatMap((p) => p.location.map((l) => l.source.ref.replace(/^.*[\\/]/, ''))));
    // Every document draws at least the info-license warning, so each one shows up in the report.
    expect([...linted].sort()).toEqual(pages.map((p) => `${p}.yaml`).sort());
  });

  it('finds no errors, bar missing security where the page documents none', () => {
    const errors = problems.filter((p) => p.severity === 'error');
    const unexcused = errors.filter((p) => {
      const name = p.location[0]?.source.ref.replace(/^.*[\\/]/, '').replace(/\.yaml$/, '') ?? '';
      const definesSecurity = transcribeDocs(read(name)).document.components !== undefined;
      return !(p.ruleId === 'security-defined' && !definesSecurity);
    });
    expect(
      unexcused.map((p) => `${p.location[0]?.source.ref} ${p.location[0]?.pointer}: ${p.ruleId} ${p.message}`),
    ).toEqual([]);
  });
});
