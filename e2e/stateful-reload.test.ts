// The stateful mode in a real browser keeps its sessions across page reloads (the signing secret
// lives in the page's localStorage), and resetStatefulSession() ends them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../mocks/core/demo-users.ts';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, openPage, type Served, serveDev } from './harness.ts';

const BROWSER_ENTRY = new URL('../mocks/browser.ts', import.meta.url).pathname;
const [alice] = demoUsers;

let served: Served;
let browser: Browser;

beforeAll(async () => {
  [served, browser] = await Promise.all([serveDev(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** Loads the demo in stateful mode and waits until its service worker answers. */
async function load(page: Page, how: 'goto' | 'reload'): Promise<void> {
  // The first load may wait for Vite to prepare the dependencies: allow it more than a step.
  const timeout = BROWSER_TEST_TIMEOUT_MS;
  if (how === 'goto') await page.goto(`${served.url}?mode=stateful`, { timeout, waitUntil: 'commit' });
  else await page.reload({ timeout, waitUntil: 'commit' });
  await page.locator('body[data-ready="true"]').waitFor({ timeout });
}

/** POSTs from the page, so the page's service worker and handlers answer. */
function post(page: Page, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(
    async ({ path, body }) => {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    { path, body },
  );
}

describe('stateful mode in the browser', () => {
  it(
    'accepts a refresh token after a reload, and refuses it once the session is reset',
    async () => {
      const { context, page, errors } = await openPage(browser);
      try {
        await load(page, 'goto');
        const login = await post(page, '/v1/api/auth/login', { user: alice?.id, password: alice?.password });
        expect(login.status).toBe(200);
        const refreshToken = (login.body.result as { refresh_token: string }).refresh_token;

        await load(page, 'reload');
        const afterReload = await post(page, '/v1/api/auth/refresh', { refresh_token: refreshToken });
        expect(afterReload).toMatchObject({ status: 200, body: { result: { code: 0 } } });

        // The documented reset, through the browser entry as the app would import it.
        // A string, so the test runner's transform leaves this import() to the browser.
        await page.evaluate(
          `import(${JSON.stringify(`/@fs${BROWSER_ENTRY}`)}).then((kit) => kit.resetStatefulSession())`,
        );
        await load(page, 'reload');
        const afterReset = await post(page, '/v1/api/auth/refresh', { refresh_token: refreshToken });
        expect(afterReset.status).toBe(401);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    3 * BROWSER_TEST_TIMEOUT_MS,
  );
});
