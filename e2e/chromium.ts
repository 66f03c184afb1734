// Which Chromium the browser tests drive: CHROMIUM_PATH, else a system Chromium that really runs,
// else the headless Chromium that `npm ci` brings (@sparticuz/chromium, x64 Linux), unpacked once
// into a versioned folder under node_modules/.cache.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { extract } from 'tar-fs';

export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'bundled';

export interface ResolvedChromium {
  executablePath: string;
  source: ChromiumSource;
  /** Extra environment for the browser process (the bundled one brings its own fonts). */
  env: Record<string, string>;
}

/** Our flags, not the package's: those suit AWS Lambda and turn off web security, hiding CORS bugs. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', // tests may run as root, where Chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const PACKAGE = '@sparticuz/chromium';
const packageDir = dirname(dirname(createRequire(import.meta.url).resolve(PACKAGE)));
const packageVersion: string = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;

/** node_modules/.cache/chromium, beside the package, as build tools keep their caches. */
export const DEFAULT_CACHE_ROOT = join(dirname(dirname(packageDir)), '.cache', 'chromium');

export interface ResolveOptions {
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  arch?: string;
  systemChromiums?: readonly string[];
  cacheRoot?: string;
}

export async function resolveChromium(options: ResolveOptions = {}): Promise<ResolvedChromium> {
  const { env = process.env, platform = process.platform, arch = process.arch } = options;
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    if (!isExecutable(chosen)) throw new Error(`CHROMIUM_PATH=${chosen} is not an executable file`);
    return { executablePath: chosen, source: 'CHROMIUM_PATH', env: {} };
  }
  const system = (options.systemChromiums ?? SYSTEM_CHROMIUMS).find(runs);
  if (system) return { executablePath: system, source: 'system', env: {} };
  if (platform !== 'linux' || arch !== 'x64') {
    throw new Error(
      `No Chromium for the browser tests on ${platform}-${arch}: the bundled one (${PACKAGE}) runs on x64 Linux ` +
        'only. Install Chromium or Chrome and point CHROMIUM_PATH at its executable, e.g. ' +
        'CHROMIUM_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test',
    );
  }
  return bundledChromium(options.cacheRoot);
}

/** The bundled Chromium, unpacked on first use; safe when several processes ask at once. */
export async function bundledChromium(cacheRoot = DEFAULT_CACHE_ROOT): Promise<ResolvedChromium> {
  const dir = join(cacheRoot, packageVersion);
  await unpackOnce(dir);
  return {
    executablePath: join(dir, 'chromium'),
    source: 'bundled',
    env: { FONTCONFIG_FILE: join(dir, 'fonts.conf') },
  };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Installed and working: a wrapper script whose browser is gone (or hidden) does not count. */
function runs(path: string): boolean {
  if (!isExecutable(path)) return false;
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return probe.status === 0 && /chrom/i.test(probe.stdout);
}

/**
 * Unpacks into a private temporary folder, then renames it into place: the rename is atomic, so
 * nobody sees (or runs) a half-written binary, and of two processes racing the first rename wins.
 * The package's own unpacking writes into a shared tmpdir in place, which fails under that race.
 */
async function unpackOnce(dir: string): Promise<void> {
  if (existsSync(join(dir, 'chromium'))) return;
  await mkdir(dirname(dir), { recursive: true });
  const partial = await mkdtemp(`${dir}.partial-`);
  try {
    const bin = join(packageDir, 'bin');
    await pipeline(
      createReadStream(join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(partial, 'chromium'), { mode: 0o755 }),
    );
    // fonts.tar.br: Open Sans under fonts/; swiftshader.tar.br: the software GL libraries Chromium loads from its folder.
    for (const archive of ['fonts.tar.br', 'swiftshader.tar.br']) {
      await pipeline(createReadStream(join(bin, archive)), createBrotliDecompress(), extract(partial));
    }
    // The shipped fonts.conf names Lambda's folders; ours names the fonts where they will live.
    await writeFile(join(partial, 'fonts.conf'), fontsConf(join(dir, 'fonts'), join(dir, 'fonts-cache')));
    await rename(partial, dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    // Another process renamed its copy into place first: use that one.
    if (existsSync(join(dir, 'chromium'))) return;
    throw error;
  }
}

const fontsConf = (fonts: string, cache: string) => `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${fonts}</dir>
  <cachedir>${cache}</cachedir>
</fontconfig>
`;
