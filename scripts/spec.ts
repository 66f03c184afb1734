/**
 * `npm run spec`: regenerate spec/generated from the docs and the overlay.
 * `npm run spec:check`: regenerate in memory and exit 1, naming each stale file, if anything differs.
 * `--dir DIR` works on another spec folder laid out like spec/ (used by the tests).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSpec, SPEC_DIR } from './generate-spec.ts';

let args: { check: boolean; dir: string };
try {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, dir: { type: 'string', default: SPEC_DIR } },
    strict: true,
  });
  args = { check: values.check, dir: values.dir };
} catch (error) {
  console.error(`spec: ${(error as Error).message}\nusage: node scripts/spec.ts [--check] [--dir SPEC_DIR]`);
  process.exit(2);
}

const generatedDir = join(args.dir, 'generated');
let generated: Awaited<ReturnType<typeof generateSpec>>;
try {
  generated = await generateSpec(join(args.dir, 'login-api.gitbook.md'), join(args.dir, 'overlay.yaml'));
} catch (error) {
  console.error(`spec: ${(error as Error).message}`);
  process.exit(1);
}
for (const warning of generated.warnings) console.warn(`spec: warning: ${warning}`);

const stale: string[] = [];
await mkdir(generatedDir, { recursive: true });
for (const [name, content] of generated.files) {
  const file = join(generatedDir, name);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === content) continue;
  stale.push(relative(process.cwd(), file));
  if (!args.check) await writeFile(file, content);
}

if (args.check && stale.length) {
  for (const file of stale) console.error(`spec:check: ${file} is stale`);
  console.error('spec:check: run `npm run spec` and commit the result');
  process.exit(1);
}
console.log(
  args.check
    ? 'spec:check: generated files are up to date'
    : `spec: ${stale.length ? `wrote ${stale.join(', ')}` : 'nothing changed'}`,
);
