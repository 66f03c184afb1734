// `npm run build` (and `prepack`): the package's compiled ESM and .d.ts in dist/, built from
// clean so a renamed or deleted module never ships stale. One `tsc -b` compiles the browser-safe
// modules without Node's types, then the Node entry and the commands on top of them.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');
/** What the build writes; the rest of dist/ (a demo build) is left alone. */
const OUTPUTS = [
  'client',
  'common',
  'judge',
  'traffic',
  'report',
  'mocks',
  'contract-tests',
  'proxy',
  'coverage',
  'spec',
  '.tsbuildinfo',
];
/** The commands; npm makes `bin` files executable on install, this does it for a local run. */
const BINS = {
  'login-api-mock': 'dist/mocks/cli.js',
  'login-api-contract': 'dist/contract-tests/cli.js',
  'login-api-proxy': 'dist/proxy/cli.js',
  'login-api-coverage': 'dist/coverage/cli.js',
};

for (const output of OUTPUTS) rmSync(join(DIST, output), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-b', join(ROOT, 'tsconfig.build.node.json')], { stdio: 'inherit' });
// startPrism() serves the merged document; users read it too (`login-api-kit/openapi.yaml`).
mkdirSync(join(DIST, 'spec', 'generated'), { recursive: true });
copyFileSync(join(ROOT, 'spec', 'generated', 'openapi.yaml'), join(DIST, 'spec', 'generated', 'openapi.yaml'));
for (const bin of Object.values(BINS)) chmodSync(join(ROOT, bin), 0o755);
