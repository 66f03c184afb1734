/**
 * Turns a `--base`/`--head` argument into a merged OpenAPI document:
 * - nothing: the working tree's docs + overlay, regenerated (uncommitted edits included);
 * - a file path: an OpenAPI YAML or JSON file;
 * - `REV:path`: an OpenAPI file as committed at a git revision;
 * - a git revision (HEAD, main, origin/main, a sha, a tag): that revision's docs + overlay, regenerated.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { applyOverlay, type Overlay } from '../transcriber/apply-overlay.ts';
import { transcribe } from '../transcriber/to-openapi.ts';
import { SpecDiffError } from './diff-specs.ts';
import { isObject } from './schema-facts.ts';
import type { Json } from './types.ts';

const run = promisify(execFile);

// The same files as generate-spec.ts names (merged-spec.test.ts checks), without importing it: it
// loads openapi-typescript, which would triple spec:diff's start-up time.
export const SPEC_DIR = join(import.meta.dirname, '..', '..', 'spec');
export const DOCS_FILE = join(SPEC_DIR, 'login-api.gitbook.md');
export const OVERLAY_FILE = join(SPEC_DIR, 'overlay.yaml');

export interface LoadedSpec {
  /** What was compared, for the report. */
  label: string;
  document: Json;
}

export interface LoadOptions {
  /** Where relative file paths are read from; the process's working directory by default. */
  cwd?: string;
}

/** Overlay used for revisions older than the overlay itself: nothing added. */
export const EMPTY_OVERLAY = 'overlay: 1.0.0\ninfo: { title: none, version: 0.0.0 }\nactions: []\n';

export async function loadSpec(source: string | undefined, options: LoadOptions = {}): Promise<LoadedSpec> {
  if (source === undefined) {
    const [docs, overlay] = await Promise.all([readFile(DOCS_FILE, 'utf8'), readFile(OVERLAY_FILE, 'utf8')]);
    return { label: 'working tree', document: mergedSpec(docs, overlay, 'the working tree') };
  }
  if (source === '' || source.startsWith('-')) throw new SpecDiffError(`"${source}" is not a file or a git revision`);
  const file = resolve(options.cwd ?? process.cwd(), source);
  if (existsSync(file) && statSync(file).isFile()) {
    return { label: source, document: parseDocument(await readFile(file, 'utf8'), source) };
  }
  const root = await repositoryRoot();
  if (
    source.includes(':') &&
    (await git(root, ['cat-file', '-e', source]).then(
      () => true,
      () => false,
    ))
  ) {
    return { label: source, document: parseDocument(await git(root, ['show', source]), source) };
  }
  const commit = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${source}^{commit}`]).catch(
    () => undefined,
  );
  if (!commit) throw new SpecDiffError(`"${source}" is neither a file nor a git revision`);
  return {
    label: `${source} (${commit.trim().slice(0, 12)})`,
    document: await regenerateAt(root, commit.trim(), source),
  };
}

/**
 * The merged document exactly as `npm run spec` builds it (generateSpec's `merged`), without the
 * TypeScript types it also generates: that saves loading openapi-typescript, most of the run time.
 * merged-spec.test.ts checks the two stay equal.
 */
export function mergedSpec(docs: string, overlay: string, source: string): Json {
  try {
    return applyOverlay(transcribe(docs).document, parse(overlay) as Overlay);
  } catch (error) {
    throw new SpecDiffError(`cannot generate the spec of ${source}: ${(error as Error).message}`);
  }
}

/** The revision's docs and overlay, merged as `npm run spec` merges them. */
async function regenerateAt(root: string, commit: string, source: string): Promise<Json> {
  const docsPath = gitPath(root, DOCS_FILE);
  const overlayPath = gitPath(root, OVERLAY_FILE);
  const docs = await git(root, ['show', `${commit}:${docsPath}`]).catch(() => {
    throw new SpecDiffError(`${source} has no ${docsPath} to generate the spec from`);
  });
  const overlay = await git(root, ['show', `${commit}:${overlayPath}`]).catch(() => EMPTY_OVERLAY);
  return mergedSpec(docs, overlay, source);
}

export function parseDocument(text: string, label: string): Json {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new SpecDiffError(`${label} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isObject(document)) throw new SpecDiffError(`${label} is not an OpenAPI document (not an object)`);
  if (typeof document.openapi !== 'string' || !/^3\./.test(document.openapi)) {
    throw new SpecDiffError(`${label} is not an OpenAPI 3.x document (no "openapi: 3.x" field)`);
  }
  if (document.paths !== undefined && !isObject(document.paths)) {
    throw new SpecDiffError(`${label}: "paths" is not an object`);
  }
  return document;
}

async function repositoryRoot(): Promise<string> {
  try {
    return (await git(dirname(DOCS_FILE), ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new SpecDiffError('git revisions need a git checkout of this repository (and git on PATH)');
  }
}

function gitPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, timeout: 15_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}
