// The login demo as `npm run dev` serves it, in headless Chromium: with the msw service worker in
// example and stateful mode, and against the HTTP mock server on another origin (CORS). The
// stateful mode keeps its sessions across page reloads (the signing secret lives in the page's
// localStorage), and resetStatefulSession() ends them. One dev server and one browser serve all.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRemaining } from '../client/token.ts';
import { displayToken } from '../demo/token-display.ts';
import { demoUsers } from '../mocks/core/demo-users.ts';
import { type MockServer, startMockServer } from '../mocks/node.ts';
import { openapiDocument } from '../spec/generated/openapi.ts';
import {
  BROWSER_TEST_TIMEOUT_MS,
  launchChromium,
  openPage,
  type Served,
  screenshot,
  serveDev,
  visibleText,
} from './harness.ts';

const loginResponses = openapiDocument.paths['/v1/api/auth/login'].post.responses;
const refreshResponses = openapiDocument.paths['/v1/api/auth/refresh'].post.responses;
const documented = loginResponses['200'].content['application/json'].examples.documented.value;
const wrongCredentials = loginResponses['401'].content['application/json'].examples['wrong-credentials'].value;
const invalidRequest = loginResponses['400'].content['application/json'].examples['invalid-request'].value;
const refreshOk = refreshResponses['200'].content['application/json'].examples.documented.value;
const expiredToken = refreshResponses['401'].content['application/json'].examples['expired-token'].value;
const unavailable = loginResponses['503'].content['application/json'].examples['service-unavailable'].value;
const tooMany = loginResponses['429'].content['application/json'].examples['too-many-requests'].value;

/** What the countdown may read for a lifetime in seconds, within the ten seconds a step may take. */
const countdowns = (lifetime: number) =>
  Array.from({ length: 11 }, (_, elapsed) => `expires in ${formatRemaining((lifetime - elapsed) * 1000)}`);

let served: Served;
let browser: Browser;
let mockServer: MockServer;
const mockLog: string[] = [];

beforeAll(async () => {
  [served, browser, mockServer] = await Promise.all([
    serveDev(),
    launchChromium(),
    startMockServer({ port: 0, log: (line) => mockLog.push(line) }),
  ]);
  // One unhurried first visit: Vite transforms the app and its mocks on first request, which on a
  // busy machine can take longer than a test step may.
  const warm = await openPage(browser);
  await warm.page.goto(`${served.url}?mode=worker`, { timeout: 100_000 });
  await warm.page.locator('body[data-ready="true"]').waitFor({ timeout: 100_000 });
  await warm.context.close();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([served?.close(), mockServer?.close()]);
});

/** Opens the demo in a fresh browser context and waits until its mocks (if any) are running. */
async function openDemo(query: string, prepare?: (page: Page) => Promise<void>) {
  const watched = await openPage(browser);
  const consoleLines: string[] = [];
  watched.page.on('console', (message) => consoleLines.push(message.text()));
  await prepare?.(watched.page);
  await watched.page.goto(`${served.url}${query}`);
  await watched.page.locator('body[data-ready="true"]').waitFor();
  expect(await watched.page.locator('#connection-status').getAttribute('class')).toContain('status-ok');
  return { ...watched, consoleLines };
}

/** Screenshots of the page as it is, at desktop (1280 px) and phone (390 px) width. */
async function shootBothWidths(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Nothing secret in the console: no password, and no token beyond its first 8 characters. */
function expectNoSecrets(lines: string[], passwords: string[], tokens: string[] = []): void {
  const all = lines.join('\n');
  for (const password of passwords) expect(all).not.toContain(password);
  for (const token of tokens) expect(all).not.toContain(token.slice(8, 40));
  expect(all).not.toMatch(/"password"|access_token|refresh_token/);
}

async function signIn(page: Page, user: string, password: string): Promise<void> {
  await page.fill('#user', user);
  await page.fill('#password', password);
  await page.click('#login-button');
}

const text = (page: Page, selector: string) => visibleText(page.locator(selector));

describe('login demo (npm run dev)', () => {
  it(
    'service worker, example mode: login shows the documented values',
    async () => {
      const { context, page, external, errors } = await openDemo('?mode=worker');
      try {
        await signIn(page, 'frontend-dev', 'any password');
        await page.locator('#session').waitFor();
        expect(await text(page, '#notice-title')).toBe('Signed in');
        expect(await text(page, '#token-type')).toBe(documented.result.token_type);
        expect(await text(page, '#access-token')).toBe(displayToken(documented.result.access_token));
        expect(await text(page, '#refresh-token')).toBe(displayToken(documented.result.refresh_token));
        expect((await text(page, '#access-token')).match(/…|\.\.\./g)).toHaveLength(1);
        // Signed in: the form is cleared.
        expect([await page.inputValue('#user'), await page.inputValue('#password')]).toEqual(['', '']);
        // The documented tokens are truncated, so the countdowns run on *_expires_in.
        expect(countdowns(documented.result.access_token_expires_in)).toContain(await text(page, '#access-countdown'));
        expect(countdowns(documented.result.refresh_token_expires_in)).toContain(
          await text(page, '#refresh-countdown'),
        );
        expect(await text(page, '#redirect-value')).toBe(`redirect: "${documented.redirect}"`);
        await page.locator('#redirect-notice').waitFor();
        expect(await text(page, '#activity')).toMatch(/POST \/v1\/api\/auth\/login → 200 ok/);
        // The page never shows the whole token nor the password.
        const body = await page.content();
        expect(body).not.toContain(documented.result.access_token);
        expect(body).not.toContain('any password');
        await shootBothWidths(page, 'worker-login-documented');
        // At 390 px each token stays on one line.
        await page.setViewportSize({ width: 390, height: 844 });
        for (const id of ['#access-token', '#refresh-token']) {
          const lineHeight = await page
            .locator(id)
            .evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
          expect((await page.locator(id).boundingBox())?.height ?? 0).toBeLessThan(lineHeight * 1.6);
        }
        await page.setViewportSize({ width: 1280, height: 900 });
        expect(external).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'service worker: the wrong-credentials and invalid-request scenarios show their errors',
    async () => {
      const { context, page, errors } = await openDemo('?mode=worker');
      try {
        await page.selectOption('#scenario-login', '401:wrong-credentials');
        expect(await text(page, '#prefer-login')).toBe('Prefer: code=401, example=wrong-credentials');
        await signIn(page, 'alice', 'not her password');
        await page.locator('#notice.notice-error').waitFor();
        expect(await text(page, '#notice-title')).toBe('Wrong user or password');
        expect(await text(page, '#notice-detail')).toContain(
          `HTTP 401 with code ${wrongCredentials.code}: “${wrongCredentials.desc}”`,
        );
        expect(await page.locator('#session').isHidden()).toBe(true);
        await screenshot(page, 'worker-wrong-password');

        await page.selectOption('#scenario-login', '400:invalid-request');
        await signIn(page, 'alice', 'x');
        await page.locator('#notice-title', { hasText: 'Invalid request' }).waitFor();
        expect(await text(page, '#notice-detail')).toContain(
          `HTTP 400 with code ${invalidRequest.code}: “${invalidRequest.desc}”`,
        );
        await screenshot(page, 'worker-invalid-request');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'service worker: a slow answer shows a waiting note, a network error says so',
    async () => {
      const { context, page, errors } = await openDemo('?mode=worker');
      try {
        await page.check('#scenario-slow');
        expect(await text(page, '#prefer-login')).toBe('Prefer: delay=2000');
        await signIn(page, 'alice', 'x');
        await page.locator('#login-pending', { hasText: 'Waiting for the server' }).waitFor();
        expect(await page.locator('#login-button').isDisabled()).toBe(true);
        await screenshot(page, 'worker-slow-response');
        await page.locator('#session').waitFor();
        expect(await text(page, '#activity')).toMatch(/login → 200 ok · (\d{4,}) ms · Prefer: delay=2000/);

        await page.uncheck('#scenario-slow');
        await page.check('#scenario-network');
        await signIn(page, 'alice', 'x');
        await page.locator('#notice-title', { hasText: 'Network error' }).waitFor();
        expect(await page.locator('#session').isHidden()).toBe(true);
        await screenshot(page, 'worker-network-error');
        // msw's network error surfaces as a failed fetch, which Chromium logs; nothing else may.
        expect(errors.filter((e) => !/Failed to load resource|Failed to fetch/.test(e))).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'service worker, stateful: refresh succeeds, and an expired refresh token is refused',
    async () => {
      // A controllable clock in the page: the handlers run here too, so they see the same time.
      const { context, page, errors } = await openDemo('?mode=stateful', (p) => p.clock.install());
      try {
        expect(await text(page, '#demo-users')).toContain('alice / wonderland');
        await signIn(page, 'alice', 'wrong');
        await page.locator('#notice-title', { hasText: 'Wrong user or password' }).waitFor();

        await signIn(page, 'alice', 'wonderland');
        await page.locator('#session').waitFor();
        expect(await text(page, '#expiry-source')).toContain('exp claims');
        expect(await page.locator('#redirect-notice').isHidden()).toBe(true);
        expect(countdowns(documented.result.access_token_expires_in)).toContain(await text(page, '#access-countdown'));
        const accessToken = await text(page, '#access-token');
        expect(accessToken).toMatch(/^eyJ[\w-]{5}…[\w-]{4} \(\d+ chars\)$/);

        await page.click('#refresh-button');
        await page.locator('#refresh-result.result-success').waitFor();
        expect(await text(page, '#refresh-result')).toMatch(
          new RegExp(
            `^Refresh accepted at [\\d:]+: ${refreshOk.result.desc} \\(code ${refreshOk.result.code}\\)\\. The answer carries no new tokens`,
          ),
        );
        expect(await text(page, '#last-refresh')).toMatch(/^accepted at [\d:]+$/);

        // Past the refresh token's lifetime: both countdowns read "expired" and the mock refuses.
        await page.clock.fastForward((documented.result.refresh_token_expires_in + 5) * 1000);
        await page.locator('#refresh-countdown', { hasText: 'expired' }).waitFor();
        expect(await text(page, '#access-countdown')).toBe('expired');
        await page.click('#refresh-button');
        // A refused refresh token ends the session: no green countdowns left behind.
        await page.locator('#notice-title', { hasText: 'Signed out: refresh token refused' }).waitFor();
        expect(await page.locator('#session').isHidden()).toBe(true);
        expect(await text(page, '#notice-detail')).toBe(
          `The server answered HTTP 401 with code ${expiredToken.code}: “${expiredToken.desc}”. Sign in again.`,
        );
        await shootBothWidths(page, 'stateful-expired-refresh-refused');

        // bob must reset his password: his login carries the documented redirect.
        await signIn(page, 'bob', 'builder');
        await page.locator('#redirect-notice').waitFor();
        expect(await text(page, '#redirect-value')).toBe(`redirect: "${documented.redirect}"`);
        await screenshot(page, 'stateful-password-reset');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'HTTP mock server on another origin (CORS): the same app logs in and shows errors',
    async () => {
      const { context, page, errors } = await openDemo(`?mode=http&baseUrl=${encodeURIComponent(mockServer.url)}`);
      try {
        expect(await text(page, '#connection-status')).toBe(`Calling ${mockServer.url} directly.`);
        mockLog.length = 0;
        await signIn(page, 'alice', 'wonderland');
        await page.locator('#session').waitFor();
        expect(await text(page, '#access-token')).toBe(displayToken(documented.result.access_token));
        await page.locator('#redirect-notice').waitFor();
        await screenshot(page, 'http-mock-server-login');

        await page.selectOption('#scenario-login', '401:wrong-credentials');
        await signIn(page, 'alice', 'wonderland');
        await page.locator('#notice-title', { hasText: 'Wrong user or password' }).waitFor();
        await screenshot(page, 'http-mock-server-wrong-password');
        // The calls really crossed origins: the browser asked first (preflight), then posted.
        expect(mockLog.some((line) => /^OPTIONS \/v1\/api\/auth\/login 204\b/.test(line))).toBe(true);
        expect(mockLog.filter((line) => /^POST \/v1\/api\/auth\/login (200|401)\b/.test(line))).toHaveLength(2);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'HTTP mode with nothing listening shows a network error',
    async () => {
      // The address of a server that has just closed: nothing listens there.
      const closed = await startMockServer({ port: 0 });
      const closedUrl = closed.url;
      await closed.close();
      const { context, page } = await openDemo(`?mode=http&baseUrl=${encodeURIComponent(closedUrl)}`);
      try {
        await signIn(page, 'alice', 'wonderland');
        await page.locator('#notice-title', { hasText: 'Network error' }).waitFor();
        expect(await text(page, '#notice-detail')).toContain(`No answer from ${closedUrl}`);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'stateful with short lifetimes and the mock clock: buttons and console move time, tokens expire',
    async () => {
      const { context, page, errors, consoleLines } = await openDemo('?mode=stateful&accessTtl=60&refreshTtl=120');
      try {
        await signIn(page, 'alice', 'wonderland');
        await page.locator('#session').waitFor();
        const accessToken = await page.evaluate(() => document.getElementById('access-token')?.textContent ?? '');
        expect(await text(page, '#access-countdown')).toMatch(/^expires in (1:00|0:5\d)$/);
        expect(await text(page, '#refresh-countdown')).toMatch(/^expires in (2:00|1:5\d)$/);

        // +1 min from the demo's controls: the access token has expired, the refresh token not.
        await page.click('[data-advance="60"]');
        await page.locator('#access-countdown', { hasText: 'expired' }).waitFor();
        expect(await text(page, '#clock-status')).toMatch(/^Mock time is 1:00 ahead/);
        await page.click('#refresh-button');
        await page.locator('#refresh-result.result-success').waitFor();
        await shootBothWidths(page, 'stateful-clock-access-expired');

        // One more minute from the app's console: the refresh token has expired, and the session ends.
        expect(await page.evaluate(() => window.loginMock?.advanceClock(61))).toBe(121);
        await page.click('#refresh-button');
        await page.locator('#notice-title', { hasText: 'Signed out: refresh token refused' }).waitFor();
        expect(await page.locator('#session').isHidden()).toBe(true);

        await page.click('#clock-reset');
        expect(await text(page, '#clock-status')).toBe('Mock time = real time.');
        // msw logged each call, without the password or the tokens.
        expect(consoleLines.some((line) => /^\[MSW\] .*POST .*\/v1\/api\/auth\/refresh \(401 /.test(line))).toBe(true);
        expectNoSecrets(consoleLines, ['wonderland'], [accessToken]);
        expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'service worker: a server-wide 503 and a per-call 429 show Retry-After in plain words',
    async () => {
      const { context, page, consoleLines } = await openDemo('?mode=worker');
      try {
        await page.selectOption('#server-prefer', 'code=503');
        expect(await text(page, '#server-prefer-summary')).toContain('Prefer: code=503');
        await signIn(page, 'alice', 'secret-password');
        await page.locator('#notice-title', { hasText: 'Service unavailable' }).waitFor();
        expect(await text(page, '#notice-detail')).toBe(
          `The server answered HTTP 503 with code ${unavailable.code}: “${unavailable.desc}”. Try again in 30 s.`,
        );
        await shootBothWidths(page, 'worker-server-wide-503');

        // A scenario chosen for the call beats the server-wide one.
        await page.selectOption('#scenario-login', '429:too-many-requests');
        await signIn(page, 'alice', 'secret-password');
        await page.locator('#notice-title', { hasText: 'Too many attempts' }).waitFor();
        expect(await text(page, '#notice-detail')).toContain(`“${tooMany.desc}”. Try again in 30 s.`);

        // Switched off from the console: normal answers again.
        await page.selectOption('#scenario-login', '');
        await page.evaluate(() => window.loginMock?.prefer());
        expect(await page.inputValue('#server-prefer')).toBe('');
        await signIn(page, 'alice', 'secret-password');
        await page.locator('#session').waitFor();
        expectNoSecrets(consoleLines, ['secret-password']);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'HTTP mock server started with a server-wide 429: the app reads Retry-After across origins',
    async () => {
      const limited = await startMockServer({ port: 0, prefer: 'code=429' });
      const { context, page } = await openDemo(`?mode=http&baseUrl=${encodeURIComponent(limited.url)}`);
      try {
        await signIn(page, 'alice', 'wonderland');
        await page.locator('#notice-title', { hasText: 'Too many attempts' }).waitFor();
        expect(await text(page, '#notice-detail')).toContain('Try again in 30 s.');
        // Switched off through the control endpoint, as a running app's tooling would.
        const off = await fetch(`${limited.url}/__mock/prefer`, {
          method: 'DELETE',
          headers: { 'x-mock-control': '1' },
          signal: AbortSignal.timeout(5_000),
        });
        expect(off.status).toBe(200);
        await signIn(page, 'alice', 'wonderland');
        await page.locator('#session').waitFor();
      } finally {
        await context.close();
        await limited.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});

const BROWSER_ENTRY = new URL('../mocks/browser.ts', import.meta.url).pathname;
const [alice] = demoUsers;

/** Loads the demo in stateful mode and waits until its service worker answers. */
async function loadStateful(page: Page, how: 'goto' | 'reload'): Promise<void> {
  // The first load may wait for Vite to prepare the dependencies: allow it more than a step.
  const timeout = BROWSER_TEST_TIMEOUT_MS;
  if (how === 'goto') await page.goto(`${served.url}?mode=stateful`, { timeout, waitUntil: 'commit' });
  else await page.reload({ timeout, waitUntil: 'commit' });
  await page.locator('body[data-ready="true"]').waitFor({ timeout });
}

/** POSTs from the page, so the page's service worker and handlers answer. */
function postFromPage(
  page: Page,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
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
        await loadStateful(page, 'goto');
        const login = await postFromPage(page, '/v1/api/auth/login', { user: alice?.user, password: alice?.password });
        expect(login.status).toBe(200);
        const refreshToken = (login.body.result as { refresh_token: string }).refresh_token;

        await loadStateful(page, 'reload');
        const afterReload = await postFromPage(page, '/v1/api/auth/refresh', { refresh_token: refreshToken });
        expect(afterReload).toMatchObject({ status: 200, body: { result: { code: 0 } } });

        // The documented reset, through the browser entry as the app would import it.
        // A string, so the test runner's transform leaves this import() to the browser.
        await page.evaluate(
          `import(${JSON.stringify(`/@fs${BROWSER_ENTRY}`)}).then((kit) => kit.resetStatefulSession())`,
        );
        await loadStateful(page, 'reload');
        const afterReset = await postFromPage(page, '/v1/api/auth/refresh', { refresh_token: refreshToken });
        expect(afterReset.status).toBe(401);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    3 * BROWSER_TEST_TIMEOUT_MS,
  );
});
