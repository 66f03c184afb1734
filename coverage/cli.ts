#!/usr/bin/env node
// `npm run coverage -- FILE…` / `login-api-coverage`: merges coverage files, prints the table,
// writes the reports; exit 0 enough exercised, 1 not, 2 unusable arguments or files.
// First: refuse an old Node with one line, before anything else loads.
import '../common/node-floor.ts';
import module from 'node:module';

module.enableCompileCache?.();
const { runCoverage } = await import('./command.ts');
process.exitCode = runCoverage(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
