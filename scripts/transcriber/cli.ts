/**
 * `npm run transcribe -- FILE.md [--out FILE] [--overlay FILE] [--strict]`: any GitBook page with
 * `{% api-method %}` blocks → OpenAPI 3.1 YAML on stdout (or in --out), warnings on stderr.
 * Exit 0 transcribed (warnings allowed), 1 nothing to transcribe, or warnings under --strict, or an
 * overlay that does not apply, 2 unusable arguments or unreadable files.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { NoApiMethodError } from './to-openapi.ts';
import { transcribeDocs } from './transcribe-docs.ts';

const USAGE = `usage: npm run transcribe -- FILE.md [--out FILE] [--overlay FILE] [--strict]
  FILE.md           a GitBook page with {% api-method %} blocks
  --out FILE        write the OpenAPI YAML there instead of stdout
  --overlay FILE    apply an OpenAPI Overlay 1.0 file to the transcription
  --strict          fail (exit 1) when the page gives any warning`;

function fail(code: 1 | 2, message: string): never {
  console.error(`transcribe: ${message}`);
  if (code === 2) console.error(USAGE);
  process.exit(code);
}

let args: { file: string; out?: string; overlay?: string; strict: boolean };
try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      overlay: { type: 'string' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new Error('name the GitBook page to transcribe');
  if (extra.length) throw new Error(`one page at a time (also given: ${extra.join(' ')})`);
  args = { file, out: values.out, overlay: values.overlay, strict: values.strict };
} catch (error) {
  fail(2, (error as Error).message);
}

async function read(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    fail(2, `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

const markdown = await read(args.file, 'page');
const overlayText = args.overlay === undefined ? undefined : await read(args.overlay, 'overlay');

let result: ReturnType<typeof transcribeDocs>;
try {
  result = transcribeDocs(markdown, overlayText);
} catch (error) {
  if (error instanceof NoApiMethodError) fail(1, `${args.file}: ${error.message}`);
  fail(1, `${args.overlay ?? args.file}: ${(error as Error).message}`);
}

for (const warning of result.warnings) console.error(`${args.file}: warning: ${warning}`);
if (args.strict && result.warnings.length) {
  fail(1, `${result.warnings.length} warning(s) and --strict given; nothing written`);
}
const yaml = stringify(result.merged, { lineWidth: 0, aliasDuplicateObjects: false });
if (args.out === undefined) process.stdout.write(yaml);
else {
  try {
    await writeFile(args.out, yaml);
  } catch (error) {
    fail(2, `cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
