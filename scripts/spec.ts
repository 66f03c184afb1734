/**
 * `npm run spec`: regenerate spec/generated from the docs and the overlay.
 * `npm run spec:check`: regenerate in memory and exit 1, naming each stale file, if anything differs.
 * `--dir DIR` works on another spec folder laid out like spec/ (used by the tests).
 */
import { join } from 'node:path';
import { generateSpec, SPEC_DIR } from './generate-spec.ts';
import { generatorArgs, writeGenerated } from './generated-files.ts';

const generator = {
  command: 'spec',
  checkCommand: 'spec:check',
  usage: 'node scripts/spec.ts [--check] [--dir SPEC_DIR]',
  upToDate: 'generated files are up to date',
};
const args = generatorArgs(generator, SPEC_DIR);

const generatedDir = join(args.dir, 'generated');
let generated: Awaited<ReturnType<typeof generateSpec>>;
try {
  generated = await generateSpec(join(args.dir, 'login-api.gitbook.md'), join(args.dir, 'overlay.yaml'));
} catch (error) {
  console.error(`spec: ${(error as Error).message}`);
  process.exit(1);
}
for (const warning of generated.warnings) console.warn(`spec: warning: ${warning}`);

await writeGenerated(
  generator,
  [...generated.files].map(([name, content]) => [join(generatedDir, name), content] as const),
  args.check,
);
