import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{spec,mocks,contract-tests,proxy,scripts,client,demo,e2e}/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Servers under test bind fixed-free ports; files run in parallel on two cores.
    pool: 'forks',
  },
});
