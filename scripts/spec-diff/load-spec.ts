/**
 * Turns a `--base`/`--head` argument into a merged OpenAPI document. What is compared is what is
 * committed: the generated spec, so a change to the generator is judged like a change to the docs.
 * - nothing: the working tree's spec/generated/openapi.yaml, regenerated from the working tree's
 *   docs + overlay when they carry uncommitted edits it lacks (and the report says so);
 * - a file path: an OpenAPI YAML or JSON file;
 * - `REV:path`: an OpenAPI file as committed at a git revision;
 * - a git revision (HEAD, main, origin/main, a sha, a tag): spec/generated/openapi.yaml as committed
 *   there (revisions from before it was committed: their docs + overlay, regenerated).
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { parse } from 'yaml';
import { applyOverlay, type Overlay } from '../transcriber/apply-overlay.ts';
import { transcribe } from '../transcriber/to-openapi.ts';
import { SpecDiffError } from './diff-specs.ts';
import { isObject } from './schema-facts.ts';
import type { Json } from './types.ts';

const run = promisify(execFile);

// The same files as generate-spec.ts names (load-spec.test.ts checks), without importing it: it
// loads openapi-typescript, which would triple spec:diff's start-up time.
export const SPEC_DIR = join(import.meta.dirname, '..', '..', 'spec');
export const DOCS_FILE = join(SPEC_DIR, 'login-api.gitbook.md');
export const OVERLAY_FILE = join(SPEC_DIR, 'overlay.yaml');
export const GENERATED_FILE = join(SPEC_DIR, 'generated', 'openapi.yaml');

export interface LoadedSpec {
  /** What was compared, for the report. */
  label: string;
  document: Json;
  /** What the reader should know about how the document was obtained (stale file, skipped overlay actions). */
  notes: string[];
  /** The commit it was read from, when it was read from git. */
  revision?: string;
}

export interface LoadOptions {
  /** Where relative file paths are read from; the process's working directory by default. */
  cwd?: string;
}

/** Overlay used for revisions older than the overlay itself: nothing added. */
export const EMPTY_OVERLAY = 'overlay: 1.0.0\ninfo: { title: none, version: 0.0.0 }\nactions: []\n';

export async function loadSpec(source: string | undefined, options: LoadOptions = {}): Promise<LoadedSpec> {
  if (source === undefined) return loadWorkingTree();
  if (source === '' || source.startsWith('-')) throw new SpecDiffError(`"${source}" is not a file or a git revision`);
  const file = resolve(options.cwd ?? process.cwd(), source);
  if (existsSync(file) && statSync(file).isFile()) {
    return { label: source, document: parseDocument(await readFile(file, 'utf8'), source), notes: [] };
  }
  const root = await repositoryRoot();
  if (source.includes(':') && (await exists(root, source))) {
    const document = parseDocument(await git(root, ['show', source]), source);
    const revision = await commitOf(root, source.slice(0, source.lastIndexOf(':')));
    return { label: source, document, notes: [], ...(revision ? { revision } : {}) };
  }
  const commit = await commitOf(root, source);
  if (!commit) throw new SpecDiffError(`"${source}" is neither a file nor a git revision`);
  const label = `${source} (${commit.slice(0, 12)})`;
  const committed = `${commit}:${gitPath(root, GENERATED_FILE)}`;
  if (await exists(root, committed)) {
    return { label, document: parseDocument(await git(root, ['show', committed]), label), notes: [], revision: commit };
  }
  const notes: string[] = [];
  const document = await regenerateAt(root, commit, source, notes);
  notes.unshift(`${label} has no committed ${gitPath(root, GENERATED_FILE)}: regenerated from its docs + overlay`);
  return { label, document, notes, revision: commit };
}

/** A file of this repository as committed at `revision`, or undefined when it is not there. */
export async function readAt(revision: string, file: string): Promise<string | undefined> {
  const root = await repositoryRoot();
  return git(root, ['show', `${revision}:${gitPath(root, file)}`]).catch(() => undefined);
}

async function commitOf(root: string, revision: string): Promise<string | undefined> {
  const out = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).catch(
    () => undefined,
  );
  return out?.trim() || undefined;
}

/**
 * The working tree's generated spec. It is regenerated only when the docs or the overlay carry edits
 * it does not (uncommitted in them, not in it): the local "edit the docs, then diff" loop. A file
 * that merely differs from what this checkout's generator makes is compared as it is, with a note:
 * what is committed is what ships (npm run spec:check is the check that it is fresh).
 */
async function loadWorkingTree(): Promise<LoadedSpec> {
  const name = relative(process.cwd(), GENERATED_FILE);
  const notes: string[] = [];
  const current = await readFile(GENERATED_FILE, 'utf8').catch(() => undefined);
  const regenerate = async (why: string): Promise<LoadedSpec> => {
    const [docs, overlay] = await Promise.all([readFile(DOCS_FILE, 'utf8'), readFile(OVERLAY_FILE, 'utf8')]);
    const document = mergedSpec(docs, overlay, 'the working tree', notes);
    notes.unshift(`${name} ${why}: compared its regeneration from the docs + overlay (run npm run spec and commit it)`);
    return { label: 'working tree (regenerated)', document, notes };
  };
  if (current === undefined) return regenerate('is missing');
  const edited = await uncommitted([DOCS_FILE, OVERLAY_FILE, GENERATED_FILE]);
  if (edited && !edited.has(GENERATED_FILE) && (edited.has(DOCS_FILE) || edited.has(OVERLAY_FILE))) {
    return regenerate('is older than the edited docs or overlay');
  }
  const committed = parseDocument(current, name);
  try {
    const [docs, overlay] = await Promise.all([readFile(DOCS_FILE, 'utf8'), readFile(OVERLAY_FILE, 'utf8')]);
    const skipped: string[] = [];
    if (!isDeepStrictEqual(mergedSpec(docs, overlay, 'the working tree', skipped), committed)) {
      notes.push(`${name} is not what npm run spec makes from the docs + overlay now; compared the file as it is`);
    }
    notes.push(...skipped);
  } catch (error) {
    notes.push(`${(error as Error).message}; compared ${name} as it is`);
  }
  return { label: 'working tree', document: committed, notes };
}

/** Which of these files have uncommitted changes, or undefined outside a git checkout. */
async function uncommitted(files: string[]): Promise<Set<string> | undefined> {
  try {
    const root = await repositoryRoot();
    const out = await git(root, ['status', '--porcelain', '--no-renames', '--', ...files.map((f) => gitPath(root, f))]);
    const changed = new Set(
      out
        .split('\n')
        .filter(Boolean)
        .map((line) => resolve(root, line.slice(3))),
    );
    return new Set(files.filter((f) => changed.has(resolve(f))));
  } catch {
    return undefined;
  }
}

/**
 * The merged document exactly as `npm run spec` builds it (generateSpec's `merged`), without the
 * TypeScript types it also generates: that saves loading openapi-typescript, most of the run time.
 * load-spec.test.ts checks the two stay equal. Overlay actions skipped for want of a target are
 * added to `notes`.
 */
export function mergedSpec(docs: string, overlay: string, source: string, notes: string[] = []): Json {
  try {
    return applyOverlay(transcribe(docs).document, parse(overlay) as Overlay, notes);
  } catch (error) {
    throw new SpecDiffError(`cannot generate the spec of ${source}: ${(error as Error).message}`);
  }
}

/** The revision's docs and overlay, merged as `npm run spec` merges them. */
async function regenerateAt(root: string, commit: string, source: string, notes: string[]): Promise<Json> {
  const docsPath = gitPath(root, DOCS_FILE);
  const overlayPath = gitPath(root, OVERLAY_FILE);
  const docs = await git(root, ['show', `${commit}:${docsPath}`]).catch(() => {
    throw new SpecDiffError(`${source} has no ${docsPath} to generate the spec from`);
  });
  const overlay = await git(root, ['show', `${commit}:${overlayPath}`]).catch(() => EMPTY_OVERLAY);
  return mergedSpec(docs, overlay, source, notes);
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

function exists(root: string, object: string): Promise<boolean> {
  return git(root, ['cat-file', '-e', object]).then(
    () => true,
    () => false,
  );
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, timeout: 15_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}
