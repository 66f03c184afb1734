// The API reference page, as the demo build ships it: both operations, their examples, and the
// overlay's responses visibly marked as assumed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openapiDocument } from '../spec/generated/openapi.ts';
import {
  BROWSER_TEST_TIMEOUT_MS,
  launchChromium,
  openPage,
  type Served,
  screenshot,
  serveBuilt,
  visibleText,
} from './harness.ts';

let served: Served;
let browser: Browser;

beforeAll(async () => {
  [served, browser] = await Promise.all([serveBuilt(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const login = openapiDocument.paths['/v1/api/auth/login'].post;
const refresh = openapiDocument.paths['/v1/api/auth/refresh'].post;

describe('API reference page (demo build)', () => {
  it(
    'shows both operations with their examples and marks assumed responses',
    async () => {
      const { context, page, external, errors } = await openPage(browser);
      try {
        await page.goto(`${served.url}docs.html`);
        await page.locator('body[data-ready="true"]').waitFor();
        const reference = page.locator('#reference');
        // Scalar gives each operation a section whose id ends in METHOD/path.
        const loginSection = reference.locator('section[id$="POST/v1/api/auth/login"]');
        const refreshSection = reference.locator('section[id$="POST/v1/api/auth/refresh"]');
        for (const [section, operation] of [
          [loginSection, login],
          [refreshSection, refresh],
        ] as const) {
          await section.getByRole('heading', { name: operation.summary, exact: true }).waitFor();
        }

        // Both operations, each with its path, its documented example and its assumed responses marked.
        const loginText = await visibleText(loginSection);
        expect(loginText).toContain('/v1/api/auth/login');
        expect(loginText).toContain(
          `"redirect": "${login.responses['200'].content['application/json'].examples.documented.value.redirect}"`,
        );
        expect(loginText).toContain('Assumed responses: 400, 401');
        expect(loginText).toMatch(/401\s+Assumed, not in the API's docs: unknown user or wrong password/);
        expect(loginText).toMatch(/200\s+OK/);
        const refreshText = await visibleText(refreshSection);
        expect(refreshText).toContain('/v1/api/auth/refresh');
        expect(refreshText).toContain(
          `"desc": "${refresh.responses['200'].content['application/json'].examples.documented.value.result.desc}"`,
        );
        expect(refreshText).toContain('Assumed responses: 400, 401');

        // The assumed error examples are one click away.
        await loginSection.getByRole('tab', { name: /\b401$/ }).click();
        const wrong = login.responses['401'].content['application/json'].examples['wrong-credentials'].value;
        await loginSection.getByText(`"${wrong.desc}"`).waitFor();
        await screenshot(page, 'docs-login-operation', { fullPage: false });

        // Back to the top: Scalar's sidebar is sticky, so a full-page shot taken scrolled down shows it mid-page.
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, 'docs-reference');
        expect(external).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
