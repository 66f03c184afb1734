#!/usr/bin/env node
// `npm run contract -- --base-url URL --user U --password P`: the command of command.ts in a
// process. Exit 0 conforms, 1 violations, 2 bad arguments or nothing to judge.
// First: refuse an old Node with one line, before anything else loads.
import '../common/node-floor.ts';
import module from 'node:module';

// Node caches compiled code (and stripped TypeScript) across starts; only modules loaded after
// this line benefit, hence the dynamic import.
module.enableCompileCache?.();
const { runCommand } = await import('./command.ts');

const exitCode = await runCommand(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  isTty: Boolean(process.stdout.isTTY),
});
process.exitCode = exitCode;
// Nothing should be left to wait for; should anything be, it must not keep the process alive.
setTimeout(() => process.exit(exitCode), 500).unref();
