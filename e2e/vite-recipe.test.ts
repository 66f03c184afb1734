// The "mock server beside your dev server" recipe of docs/frontend.md, as a reader follows it: its
// vite.config.ts and src/mocks.ts taken from the page word for word into an app of their own, served
// by a real Vite dev server, in headless Chromium, with the HTTP mock server behind Vite's proxy.
// With VITE_API_MOCK=server the page's calls reach the mock server; without it the msw worker answers
// first and the server hears nothing, which is why the recipe turns the worker off.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../mocks/core/demo-users.ts';
import { type MockServer, startMockServer } from '../mocks/node.ts';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, openPage } from './harness.ts';

const ROOT = join(import.meta.dirname, '..');
const PAGE = readFileSync(join(ROOT, 'docs', 'frontend.md'), 'utf8');

/** The fenced code block of docs/frontend.md whose first line is `// FILE`. */
function recipeFile(file: string): string {
  const blocks = [...PAGE.matchAll(/```tsx?\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const block = blocks.find((code) => code.startsWith(`// ${file}\n`));
  if (!block) throw new Error(`docs/frontend.md has no code block starting with "// ${file}"`);
  return block;
}

/** The app's own entry: start the mocks as the recipe says, then log in with the client's defaults. */
const MAIN = `import { createLoginApiClient } from 'login-api-kit/client';
import { startMocks } from './mocks';

const [alice] = ${JSON.stringify(demoUsers.slice(0, 1))};
startMocks().then(async () => {
  const api = createLoginApiClient(); // the page's origin
  const good = await api.login({ user: alice.user, password: alice.password });
  const wrong = await api.login({ user: alice.user, password: 'not-the-password' });
  const result = {
    good: good.ok ? good.status : good.kind,
    wrong: wrong.ok ? wrong.status : wrong.status ?? wrong.kind,
    controlled: navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined,
  };
  document.body.dataset.result = JSON.stringify(result);
});
`;

let app: string;
let browser: Browser;
let mock: MockServer;
const mockLog: string[] = [];
const servers: ViteDevServer[] = [];

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'vite-recipe-'));
  mkdirSync(join(app, 'src'));
  mkdirSync(join(app, 'public'));
  // As Vite's scaffold writes it: an ES module package.
  writeFileSync(join(app, 'package.json'), '{ "name": "recipe-app", "private": true, "type": "module" }\n');
  writeFileSync(join(app, 'vite.config.ts'), recipeFile('vite.config.ts'));
  writeFileSync(join(app, 'src', 'mocks.ts'), recipeFile('src/mocks.ts'));
  writeFileSync(join(app, 'src', 'main.ts'), MAIN);
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><html><head><title>recipe</title></head><body><script type="module" src="/src/main.ts"></script></body></html>\n',
  );
  // What `npx msw init public/` writes; the repository keeps the same file for its demo.
  copyFileSync(join(ROOT, 'demo', 'public', 'mockServiceWorker.js'), join(app, 'public', 'mockServiceWorker.js'));
  // The app's dependencies (msw, vite) as installed here.
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
  [browser, mock] = await Promise.all([
    launchChromium(),
    startMockServer({ port: 0, stateful: true, log: (line) => mockLog.push(line) }),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...servers.map((server) => server.close()), mock?.close()]);
  if (app) rmSync(app, { recursive: true, force: true });
});

/** Vite on the recipe's config, as `npm run dev` starts it with the given VITE_API_MOCK. */
async function dev(apiMock: string | undefined): Promise<string> {
  const saved = { url: process.env.LOGIN_API_URL, mode: process.env.VITE_API_MOCK };
  process.env.LOGIN_API_URL = mock.url;
  if (apiMock === undefined) delete process.env.VITE_API_MOCK;
  else process.env.VITE_API_MOCK = apiMock;
  try {
    const server = await createServer({
      root: app,
      configFile: join(app, 'vite.config.ts'),
      logLevel: 'warn',
      cacheDir: join(app, `.vite-${apiMock ?? 'worker'}`),
      // The package as its sources: what `login-api-kit/...` resolves to in an installed app.
      resolve: {
        alias: {
          'login-api-kit/client': join(ROOT, 'client', 'index.ts'),
          'login-api-kit/mocks/browser': join(ROOT, 'mocks', 'browser.ts'),
        },
      },
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null, fs: { allow: [app, ROOT] } },
    });
    servers.push(server);
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite dev server reported no URL');
    return url;
  } finally {
    for (const [name, value] of [
      ['LOGIN_API_URL', saved.url],
      ['VITE_API_MOCK', saved.mode],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Opens the app and waits for its two logins. */
async function visit(url: string): Promise<{ result: Record<string, unknown>; errors: string[] }> {
  const watched = await openPage(browser);
  try {
    await watched.page.goto(url, { timeout: 100_000 });
    const done = watched.page.locator('body[data-result]');
    await done.waitFor({ state: 'attached', timeout: 100_000 });
    return { result: JSON.parse((await done.getAttribute('data-result')) ?? '{}'), errors: watched.errors };
  } finally {
    await watched.context.close();
  }
}

describe('the mock server beside the Vite dev server (docs/frontend.md)', () => {
  it(
    'with VITE_API_MOCK=server, the page calls its own origin and Vite passes the calls to the mock server',
    async () => {
      const before = mockLog.length;
      const url = await dev('server');
      expect(new URL(url).port).not.toBe(new URL(mock.url).port);
      const { result, errors } = await visit(url);
      expect(result).toEqual({ good: 200, wrong: 401, controlled: false });
      // The mock server answered both: its stateful mode checked the credentials.
      const lines = mockLog.slice(before);
      expect(lines.filter((line) => /^POST \/v1\/api\/auth\/login 200 /.test(line))).toHaveLength(1);
      expect(lines.filter((line) => /^POST \/v1\/api\/auth\/login 401 /.test(line))).toHaveLength(1);
      expect(errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS * 3,
  );

  it(
    'without it, the msw worker answers first and the mock server hears nothing',
    async () => {
      const url = await dev(undefined);
      const before = mockLog.length;
      const { result, errors } = await visit(url);
      expect(result).toEqual({ good: 200, wrong: 401, controlled: true });
      expect(mockLog.slice(before)).toEqual([]);
      expect(errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS * 3,
  );
});
