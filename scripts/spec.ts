/**
 * `npm run spec`: regenerate spec/generated from the docs and the overlay.
 * `npm run spec:check`: regenerate in memory and exit 1, naming each stale file, if anything differs.
 * `--dir DIR` works on another spec folder laid out like spec/ (used by the tests).
 * Overlay layers in spec/overlays/*.yaml are applied after spec/overlay.yaml, in file-name order.
 */
import { join } from 'node:path';
import { generateSpec, overlayLayers, SPEC_DIR } from './generate-spec.ts';
import { type GeneratorIo, parseGeneratorArgs, processIo, reportGenerated } from './generated-files.ts';

const generator = {
  command: 'spec',
  checkCommand: 'spec:check',
  usage: 'node scripts/spec.ts [--check] [--dir SPEC_DIR]',
  upToDate: 'generated files are up to date',
};

/** The command as a function (the tests run it in their own process): the exit code. */
export async function runSpec(argv: string[], io: GeneratorIo = processIo()): Promise<number> {
  const args = parseGeneratorArgs(generator, SPEC_DIR, argv);
  if (typeof args === 'string') {
    io.error(args);
    return 2;
  }
  let generated: Awaited<ReturnType<typeof generateSpec>>;
  try {
    generated = await generateSpec(
      join(args.dir, 'login-api.gitbook.md'),
      join(args.dir, 'overlay.yaml'),
      await overlayLayers(join(args.dir, 'overlays')),
    );
  } catch (error) {
    io.error(`spec: ${(error as Error).message}`);
    return 1;
  }
  for (const warning of generated.warnings) io.error(`spec: warning: ${warning}`);
  const generatedDir = join(args.dir, 'generated');
  return reportGenerated(
    generator,
    [...generated.files].map(([name, content]) => [join(generatedDir, name), content] as const),
    args.check,
    io,
  );
}

if (import.meta.main) process.exitCode = await runSpec(process.argv.slice(2));
