/**
 * `npm run spec`: regenerate spec/generated from the docs and the overlay.
 * `npm run spec:check`: regenerate in memory and exit 1, naming each stale file, if anything differs.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { GENERATED_DIR, generateSpec } from './generate-spec.ts';

const check = process.argv.includes('--check');
const unknown = process.argv.slice(2).filter((a) => a !== '--check');
if (unknown.length) {
  console.error(`spec: unknown argument ${unknown.join(' ')}; usage: node scripts/spec.ts [--check]`);
  process.exit(2);
}

let generated: Awaited<ReturnType<typeof generateSpec>>;
try {
  generated = await generateSpec();
} catch (error) {
  console.error(`spec: ${(error as Error).message}`);
  process.exit(1);
}
for (const warning of generated.warnings) console.warn(`spec: warning: ${warning}`);

const stale: string[] = [];
await mkdir(GENERATED_DIR, { recursive: true });
for (const [name, content] of generated.files) {
  const file = join(GENERATED_DIR, name);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === content) continue;
  stale.push(relative(process.cwd(), file));
  if (!check) await writeFile(file, content);
}

if (check && stale.length) {
  for (const file of stale) console.error(`spec:check: ${file} is stale`);
  console.error('spec:check: run `npm run spec` and commit the result');
  process.exit(1);
}
console.log(
  check
    ? 'spec:check: generated files are up to date'
    : `spec: ${stale.length ? `wrote ${stale.join(', ')}` : 'nothing changed'}`,
);
