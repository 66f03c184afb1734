// Browser test harness: the run's Chromium (see chromium.ts) driven by playwright-core, the demo
// served by Vite on a free port, screenshots saved as artifacts.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, type ResolvedChromium } from './chromium.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CONFIG = join(ROOT, 'vite.config.ts');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

/** Generous for a loaded two-core machine, bounded so nothing hangs. */
export const BROWSER_TEST_TIMEOUT_MS = 60_000;
export const STEP_TIMEOUT_MS = 15_000;

/** Headless Chromium (by default the one resolved for this run); each launch gets a fresh temporary profile. */
export function launchChromium(resolved: ResolvedChromium = inject('chromium')): Promise<Browser> {
  return chromium.launch({
    executablePath: resolved.executablePath,
    env: { ...process.env, ...resolved.env },
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** The demo as `npm run dev` serves it (Vite dev server), on a free 127.0.0.1 port. */
export async function serveDev(): Promise<Served> {
  const server = await createServer({
    configFile: CONFIG,
    logLevel: 'warn',
    // Each test file gets its own dependency cache: parallel servers must not rewrite one directory.
    cacheDir: join(ROOT, 'node_modules', '.vite', `e2e-${process.pid}`),
    server: { port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite dev server reported no URL');
  return {
    url,
    close: async () => {
      await server.close();
      rmSync(join(ROOT, 'node_modules', '.vite', `e2e-${process.pid}`), { recursive: true, force: true });
    },
  };
}

/** The demo as `npm run build:demo` ships it, built into a temporary directory and previewed. */
export async function serveBuilt(): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'login-demo-'));
  await build({ configFile: CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile: CONFIG,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview reported no URL');
  return {
    url,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Requests that left 127.0.0.1 (the page must work offline). */
  external: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

/** A fresh context and page that record console errors and any request to a non-local host. */
export async function openPage(browser: Browser): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const external: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => {
    const { protocol, hostname } = new URL(request.url());
    if ((protocol === 'http:' || protocol === 'https:') && hostname !== '127.0.0.1') external.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs every 4xx answer as a console error; the tests ask for some of those.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, external, errors };
}

/** Saves a screenshot (full page unless told otherwise) as artifacts/screenshots/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return path;
}

/** The text a reader sees: rendered text, so collapsed or hidden parts are left out. */
export function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's rendered-text query, not the DOM property.
  return locator.innerText();
}
