// Which browser the e2e tests get, and the bundled one for real: unpacked by two processes at once
// on an empty cache, then launched, even on a machine that has a system Chromium.
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../scripts/server-process.ts';
import { bundledChromium, type ResolvedChromium, resolveChromium } from './chromium.ts';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, screenshot } from './harness.ts';

const work = mkdtempSync(join(tmpdir(), 'chromium-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A stand-in executable: a shell script that prints `output` and exits with `code`. */
function fakeBrowser(name: string, output: string, code = 0): string {
  const path = join(work, name);
  writeFileSync(path, `#!/bin/sh\necho '${output}'\nexit ${code}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('resolveChromium', () => {
  const linux = { platform: 'linux', arch: 'x64' } as const;

  it('takes CHROMIUM_PATH first, even when a system Chromium runs', async () => {
    const chosen = fakeBrowser('chosen', 'Chromium 1.0');
    const system = fakeBrowser('system', 'Chromium 2.0');
    expect(await resolveChromium({ ...linux, env: { CHROMIUM_PATH: chosen }, systemChromiums: [system] })).toEqual({
      executablePath: chosen,
      source: 'CHROMIUM_PATH',
      env: {},
    });
  });

  it('refuses a CHROMIUM_PATH that is not executable, rather than quietly using another browser', async () => {
    const missing = join(work, 'no-such-chromium');
    await expect(resolveChromium({ ...linux, env: { CHROMIUM_PATH: missing } })).rejects.toThrow(
      `CHROMIUM_PATH=${missing} is not an executable file`,
    );
  });

  it('takes the first system Chromium that runs, skipping one whose browser is gone', async () => {
    const broken = fakeBrowser('broken', 'exec: /usr/lib/chromium/chromium: not found', 127);
    const working = fakeBrowser('working', 'Chromium 153.0');
    expect(
      await resolveChromium({ ...linux, env: {}, systemChromiums: [broken, join(work, 'absent'), working] }),
    ).toEqual({ executablePath: working, source: 'system', env: {} });
  });

  it.each([
    ['darwin', 'arm64'],
    ['linux', 'arm64'],
    ['win32', 'x64'],
  ] as const)('on %s-%s with no system Chromium, says to set CHROMIUM_PATH', async (platform, arch) => {
    await expect(resolveChromium({ platform, arch, env: {}, systemChromiums: [] })).rejects.toThrow(
      new RegExp(`^No Chromium for the browser tests on ${platform}-${arch}: .*CHROMIUM_PATH`),
    );
  });
});

describe('the bundled Chromium (@sparticuz/chromium)', () => {
  const cacheRoot = join(work, 'cache');
  let bundled: ResolvedChromium;

  it(
    'two processes unpacking at once on an empty cache both get the same complete browser',
    async () => {
      const module = pathToFileURL(join(import.meta.dirname, 'chromium.ts')).href;
      const script = `const { bundledChromium } = await import(${JSON.stringify(module)});
        console.log(JSON.stringify(await bundledChromium(${JSON.stringify(cacheRoot)})));`;
      const runs = [1, 2].map(() => runProcess(['--input-type=module', '-e', script]));
      const exits = await Promise.all(runs.map((run) => run.exited));
      for (const [i, run] of runs.entries()) expect(exits[i], run.stderr()).toEqual({ code: 0, signal: null });
      const [first, second] = runs.map((run) => JSON.parse(run.stdout()) as ResolvedChromium);
      expect(second).toEqual(first);
      // Nothing half-written is left beside the versioned folder.
      expect(readdirSync(cacheRoot)).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
      // A third caller finds it in place and unpacks nothing.
      bundled = await bundledChromium(cacheRoot);
      expect(bundled).toEqual(first);
      expect(bundled.source).toBe('bundled');
      expect(existsSync(bundled.env.FONTCONFIG_FILE ?? '')).toBe(true);
    },
    BROWSER_TEST_TIMEOUT_MS * 2,
  );

  it(
    'launches and renders text with its own fonts',
    async () => {
      expect(bundled, 'unpacked by the test above').toBeDefined();
      const browser = await launchChromium(bundled);
      try {
        const page = await browser.newPage();
        await page.setContent('<p style="font: 32px sans-serif">Login API kit</p><canvas width="300" height="60">');
        // Glyphs drawn on a canvas: with no usable font nothing would be painted.
        const painted = await page.evaluate(() => {
          const canvas = document.querySelector('canvas') as HTMLCanvasElement;
          const context = canvas.getContext('2d') as CanvasRenderingContext2D;
          context.font = '32px sans-serif';
          context.fillText('Login API kit', 4, 40);
          return context.getImageData(0, 0, 300, 60).data.filter((value, i) => i % 4 === 3 && value > 0).length;
        });
        expect(painted).toBeGreaterThan(500);
        expect(await browser.version()).toMatch(/^\d+\./);
        await screenshot(page, 'bundled-chromium-text', { fullPage: false });
      } finally {
        await browser.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
