import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The tests start a few hundred Node processes on .ts entries (servers, CLIs). With Node's compile
// cache named in the environment from the start, each child after the first skips TypeScript
// stripping (its WebAssembly set-up alone costs ~100 ms of CPU per process).
process.env.NODE_COMPILE_CACHE ??= join(import.meta.dirname, 'node_modules', '.cache', 'node-compile-cache');

const ALL = [
  '{common,spec,judge,traffic,report,mocks,contract-tests,proxy,coverage,scripts,client,demo,e2e}/**/*.test.ts',
];
const BROWSER = ['e2e/**/*.test.ts'];
/** Files that start servers, Prism or child processes: each gets a fresh process of its own. */
const PROCESSES = [
  'contract-tests/cli.test.ts',
  'contract-tests/compare-mock.test.ts',
  'contract-tests/integration.test.ts',
  'contract-tests/plan.test.ts',
  'contract-tests/staging.test.ts',
  'coverage/cli.test.ts',
  'demo/serve.test.ts',
  'mocks/cli-signals.test.ts',
  'mocks/cli.test.ts',
  'mocks/entries.test.ts',
  'mocks/hardening/hardening.test.ts',
  'mocks/parity.test.ts',
  'mocks/prefer-precedence.test.ts',
  'mocks/prism.test.ts',
  'proxy/cli.test.ts',
  'scripts/docs/generate-catalogues.test.ts',
  'scripts/package/consumer.test.ts',
  'scripts/spec-diff/cli.test.ts',
  'scripts/spec-diff/committed-artefacts.test.ts',
  'scripts/spec.test.ts',
  'scripts/transcriber/cli.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // One per core: Vitest's default on two cores is a single worker, idle while files wait on sockets and children.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Plain functions and in-process servers that clean up after themselves: one warm worker
        // runs them one after another, sparing a process start-up and module load per file.
        test: { name: 'unit', include: ALL, exclude: [...PROCESSES, ...BROWSER], pool: 'threads', isolate: false },
      },
      { extends: true, test: { name: 'processes', include: PROCESSES, pool: 'forks' } },
      {
        extends: true,
        // The browser is resolved (and, the first time, unpacked) once per run, not once per file.
        test: { name: 'browser', include: BROWSER, pool: 'forks', globalSetup: ['e2e/global-setup.ts'] },
      },
    ],
  },
});
