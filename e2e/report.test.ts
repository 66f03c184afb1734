// The HTML report as a person opens it: a contract run against the kit's own (correct) mock, with
// --report html= and --report coverage=, then the coverage page from npm run coverage. Both open in
// real Chromium at phone and desktop widths, show the verdict first and every check, load nothing
// and hold no password. The screenshots go to artifacts/screenshots/; with UPDATE_DOC_IMAGES=1 they
// replace the ones docs/reports.md shows.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../contract-tests/fixtures/run-cli.ts';
import { runCoverage } from '../coverage/command.ts';
import { checks } from '../judge/checks/index.ts';
import { type MockServer, startMockServer } from '../mocks/node-server.ts';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, SCREENSHOTS, visibleText } from './harness.ts';

const ROOT = join(import.meta.dirname, '..');
const DOC_IMAGES = join(ROOT, 'docs', 'images');
/** The docs' screenshots are rewritten on request only, so a test run leaves the checkout as it was. */
const IMAGES = process.env.UPDATE_DOC_IMAGES ? DOC_IMAGES : SCREENSHOTS;
const PASSWORD = 'wonderland';
const dir = mkdtempSync(join(tmpdir(), 'report-e2e-'));
const html = join(dir, 'r.html');
const coverageFile = join(dir, 'c.json');
const coverageHtml = join(dir, 'coverage.html');

let browser: Browser;
let mock: MockServer;
let exitCode: number | null;

/** The contract CLI (in this process) against the correct mock, as alice. */
const contractRun = (...more: string[]) =>
  runInProcess(['--base-url', mock.url, '--user', 'alice', '--password', PASSWORD, ...more]);

beforeAll(async () => {
  [browser, mock] = await Promise.all([launchChromium(), startMockServer({ stateful: true })]);
  const run = await contractRun('--report', `html=${html}`, '--report', `coverage=${coverageFile}`);
  exitCode = run.code;
  const out = { write: () => true };
  runCoverage([coverageFile, '--report', `html=${coverageHtml}`], { stdout: out, stderr: out });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a report file; every request other than the file itself is refused and counted. */
async function open(file: string, width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const target = pathToFileURL(file).href;
  const loads: string[] = [];
  await context.route('**/*', (route) => {
    if (route.request().url() === target) return route.continue();
    loads.push(route.request().url());
    return route.abort();
  });
  context.on('request', (request) => {
    if (request.url() !== target && !loads.includes(request.url())) loads.push(request.url());
  });
  await page.goto(target);
  return { context, page, loads };
}

describe('the HTML report of a contract run', () => {
  it('the run against a correct server exits 0 and writes both files', () => {
    expect(exitCode).toBe(0);
    expect(existsSync(html)).toBe(true);
    const text = readFileSync(html, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(text).toContain("default-src 'none'");
    expect(JSON.parse(readFileSync(coverageFile, 'utf8')).source).toBe('contract');
  });

  it('with --compare-mock, holds the drift section too, still without the password', async () => {
    const drifted = join(dir, 'drift.html');
    const run = await contractRun('--compare-mock', '--report', `html=${drifted}`);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(drifted, 'utf8');
    expect(text).toContain('Drift: the same requests against');
    expect(text.indexOf('id="checks"')).toBeLessThan(text.indexOf('Drift:'));
    expect(text).not.toContain(PASSWORD);
  });

  for (const width of [390, 1280]) {
    it(
      `shows the verdict first and every check id at ${width} px, loading nothing`,
      async () => {
        const { context, page, loads } = await open(html, width);
        try {
          const verdict = page.locator('#verdict');
          await expect(verdict.isVisible()).resolves.toBe(true);
          expect(await visibleText(verdict)).toContain('conforms');
          const first = await page.locator('main > *').nth(1).getAttribute('id');
          expect(first).toBe('verdict');
          for (const check of checks) {
            const id = page.locator(`#check-${check.id} code.id`);
            expect(await id.isVisible(), check.id).toBe(true);
            expect(await visibleText(id)).toBe(check.id);
          }
          // Nothing wider than the window: readable on a phone without sideways scrolling.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          expect(await page.locator('#timeline .row').count()).toBeGreaterThan(10);
          expect(await visibleText(page.locator('body'))).not.toContain(PASSWORD);
          mkdirSync(IMAGES, { recursive: true });
          await page.screenshot({ path: join(IMAGES, `report-contract-${width}.png`), animations: 'disabled' });
          if (width === 1280)
            await page.locator('#timeline').screenshot({ path: join(IMAGES, 'report-timeline-1280.png') });
          expect(loads).toEqual([]);
        } finally {
          await context.close();
        }
      },
      BROWSER_TEST_TIMEOUT_MS,
    );
  }

  it(
    'prints: the print layout keeps the verdict and the checks',
    async () => {
      const { context, page } = await open(html, 1280);
      try {
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('#verdict').isVisible()).toBe(true);
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdf.byteLength).toBeGreaterThan(10_000);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});

describe('the HTML coverage page', () => {
  it(
    'shows the percentage first and a heat map per operation, loading nothing',
    async () => {
      const { context, page, loads } = await open(coverageHtml, 1280);
      try {
        expect(await visibleText(page.locator('#verdict'))).toMatch(/\d+(\.\d)?% covered/);
        for (const id of ['login', 'refreshToken'])
          expect(await page.locator(`#coverage-${id}`).isVisible(), id).toBe(true);
        // A contract run never asks for a server error: the page shows it red (never exercised).
        expect(await page.locator('#coverage-login .cell.h0').count()).toBeGreaterThan(0);
        expect(await page.locator('#coverage-login .cell.h1, #coverage-login .cell.h2').count()).toBeGreaterThan(0);
        await page.screenshot({ path: join(IMAGES, 'report-coverage-1280.png'), animations: 'disabled' });
        expect(loads).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it('the screenshots the docs show exist, were taken and are referenced from docs/reports.md', () => {
    const page = readFileSync(join(ROOT, 'docs', 'reports.md'), 'utf8');
    const names = ['report-contract-390.png', 'report-contract-1280.png', 'report-timeline-1280.png'];
    for (const name of [...names, 'report-coverage-1280.png']) {
      expect(statSync(join(DOC_IMAGES, name)).size).toBeGreaterThan(5_000);
      expect(statSync(join(IMAGES, name)).mtimeMs).toBeGreaterThan(Date.now() - 10 * 60_000);
      expect(page).toContain(`images/${name}`);
    }
  });
});
