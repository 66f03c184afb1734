/**
 * The command line every generator shares: `--check` to find stale output without writing it,
 * `--dir DIR` to work on another folder (the tests' copies), and one way to report the result.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { parseArgs } from 'node:util';

export interface Generator {
  /** The npm script that writes, e.g. `spec`. */
  command: string;
  /** The npm script that checks, e.g. `spec:check`. */
  checkCommand: string;
  usage: string;
  /** What the check says when nothing is stale, e.g. `generated files are up to date`. */
  upToDate: string;
}

export interface GeneratorArgs {
  check: boolean;
  dir: string;
}

/** Where a generator's messages go, and what its file names are shown relative to. */
export interface GeneratorIo {
  cwd: string;
  log(line: string): void;
  error(line: string): void;
}

/** The process's own console and working directory. */
export const processIo = (): GeneratorIo => ({ cwd: process.cwd(), log: console.log, error: console.error });

/** `--check` and `--dir`, or the usage error to print (exit 2). */
export function parseGeneratorArgs(generator: Generator, defaultDir: string, args: string[]): GeneratorArgs | string {
  try {
    const { values } = parseArgs({
      args,
      options: { check: { type: 'boolean', default: false }, dir: { type: 'string', default: defaultDir } },
      strict: true,
    });
    return { check: values.check, dir: values.dir };
  } catch (error) {
    return `${generator.command}: ${(error as Error).message}\nusage: ${generator.usage}`;
  }
}

/** The files whose content differs from `files` (paths relative to `cwd`); written unless `check`. */
export async function syncFiles(
  files: Iterable<readonly [string, string]>,
  check: boolean,
  cwd = process.cwd(),
): Promise<string[]> {
  const stale: string[] = [];
  for (const [file, content] of files) {
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === content) continue;
    stale.push(relative(cwd, file));
    if (check) continue;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return stale;
}

/** Syncs the files and says what happened; the exit code is 1 in check mode when any is stale. */
export async function reportGenerated(
  generator: Generator,
  files: Iterable<readonly [string, string]>,
  check: boolean,
  io: GeneratorIo,
): Promise<number> {
  const stale = await syncFiles(files, check, io.cwd);
  if (check && stale.length) {
    for (const file of stale) io.error(`${generator.checkCommand}: ${file} is stale`);
    io.error(`${generator.checkCommand}: run \`npm run ${generator.command}\` and commit the result`);
    return 1;
  }
  io.log(
    check
      ? `${generator.checkCommand}: ${generator.upToDate}`
      : `${generator.command}: ${stale.length ? `wrote ${stale.join(', ')}` : 'nothing changed'}`,
  );
  return 0;
}
