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

/** `--check` and `--dir`; exits 2 with the usage on anything else. */
export function generatorArgs(generator: Generator, defaultDir: string, args = process.argv.slice(2)): GeneratorArgs {
  try {
    const { values } = parseArgs({
      args,
      options: { check: { type: 'boolean', default: false }, dir: { type: 'string', default: defaultDir } },
      strict: true,
    });
    return { check: values.check, dir: values.dir };
  } catch (error) {
    console.error(`${generator.command}: ${(error as Error).message}\nusage: ${generator.usage}`);
    process.exit(2);
  }
}

/** The files whose content differs from `files` (paths relative to the working directory); written unless `check`. */
export async function syncFiles(files: Iterable<readonly [string, string]>, check: boolean): Promise<string[]> {
  const stale: string[] = [];
  for (const [file, content] of files) {
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === content) continue;
    stale.push(relative(process.cwd(), file));
    if (check) continue;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return stale;
}

/** Syncs the files and says what happened; in check mode, exits 1 naming each stale file. */
export async function writeGenerated(
  generator: Generator,
  files: Iterable<readonly [string, string]>,
  check: boolean,
): Promise<void> {
  const stale = await syncFiles(files, check);
  if (check && stale.length) {
    for (const file of stale) console.error(`${generator.checkCommand}: ${file} is stale`);
    console.error(`${generator.checkCommand}: run \`npm run ${generator.command}\` and commit the result`);
    process.exit(1);
  }
  console.log(
    check
      ? `${generator.checkCommand}: ${generator.upToDate}`
      : `${generator.command}: ${stale.length ? `wrote ${stale.join(', ')}` : 'nothing changed'}`,
  );
}
