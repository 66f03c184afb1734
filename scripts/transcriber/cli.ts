/**
 * `npm run transcribe -- FILE.md [--out FILE] [--overlay FILE] [--strict]`: any GitBook page with
 * `{% api-method %}` or `{% swagger %}` blocks → OpenAPI 3.1 YAML on stdout (or in --out), warnings
 * (the self-audit's included) on stderr.
 * Exit 0 transcribed (warnings allowed), 1 nothing to transcribe, or warnings under --strict, or an
 * overlay that does not apply, 2 unusable arguments or unreadable files.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { NoApiMethodError } from './to-openapi.ts';
import { transcribeDocs } from './transcribe-docs.ts';
import { documentToYaml } from './yaml-output.ts';

const USAGE = `usage: npm run transcribe -- FILE.md [--out FILE] [--overlay FILE] [--strict]
  FILE.md           a GitBook page with {% api-method %} or {% swagger %} blocks
  --out FILE        write the OpenAPI YAML there instead of stdout
  --overlay FILE    apply an OpenAPI Overlay 1.0 file to the transcription
  --strict          fail (exit 1) when the page gives any warning, the self-audit's included`;

/** Where the command's output goes: the process's streams by default. */
export interface TranscribeIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: TranscribeIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Ends the command with an exit status and its reason. */
class Failure extends Error {
  readonly code: 1 | 2;
  constructor(code: 1 | 2, message: string) {
    super(message);
    this.code = code;
  }
}

/** The command as a function (its tests run it in their own process): the exit status. */
export async function main(argv: string[], io: TranscribeIo = processIo): Promise<number> {
  try {
    return await transcribe(argv, io);
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    io.err(`transcribe: ${error.message}\n`);
    if (error.code === 2) io.err(`${USAGE}\n`);
    return error.code;
  }
}

async function transcribe(argv: string[], io: TranscribeIo): Promise<number> {
  let args: { file: string; out?: string | undefined; overlay?: string | undefined; strict: boolean };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        overlay: { type: 'string' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const [file, ...extra] = positionals;
    if (file === undefined) throw new Error('name the GitBook page to transcribe');
    if (extra.length) throw new Error(`one page at a time (also given: ${extra.join(' ')})`);
    args = { file, out: values.out, overlay: values.overlay, strict: values.strict };
  } catch (error) {
    throw new Failure(2, (error as Error).message);
  }

  const markdown = await read(args.file, 'page');
  const overlayText = args.overlay === undefined ? undefined : await read(args.overlay, 'overlay');

  let result: ReturnType<typeof transcribeDocs>;
  try {
    result = transcribeDocs(markdown, overlayText);
  } catch (error) {
    if (error instanceof NoApiMethodError) throw new Failure(1, `${args.file}: ${error.message}`);
    throw new Failure(1, `${args.overlay ?? args.file}: ${(error as Error).message}`);
  }

  for (const warning of result.warnings) io.err(`${args.file}: warning: ${warning}\n`);
  if (args.strict && result.warnings.length) {
    throw new Failure(1, `${result.warnings.length} warning(s) and --strict given; nothing written`);
  }
  const yaml = documentToYaml(result.merged);
  if (args.out === undefined) io.out(yaml);
  else {
    try {
      await writeFile(args.out, yaml);
    } catch (error) {
      throw new Failure(
        2,
        `cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  return 0;
}

async function read(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Failure(
      2,
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
