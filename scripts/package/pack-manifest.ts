// `prepack` / `postpack`: the packed package.json without `scripts`. Every script names a file
// of the checkout (scripts/, mocks/*.ts, ...) that the package does not ship, and `prepare`, which
// npm runs on a git install, would point an installed copy at a build it cannot run. npm packs
// package.json as it is on disk, so `strip` rewrites it for the pack and keeps the original beside
// it; `restore` puts the original back (postpack, or the next strip after a pack that died).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
/** Where the original waits while the stripped one is packed (git-ignored, never packed). */
export const KEPT_NAME = '.package.json.prepack';

/** The manifest as it is packed: everything but `scripts`. */
export function packedManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const { scripts: _scripts, ...packed } = manifest;
  return packed;
}

/** Puts the original package.json of `root` back, if a strip set it aside. */
export function restore(root: string = ROOT): void {
  const kept = join(root, KEPT_NAME);
  if (existsSync(kept)) renameSync(kept, join(root, 'package.json'));
}

/** Writes the packed manifest over `root`'s package.json, keeping the original beside it. */
export function strip(root: string = ROOT): void {
  restore(root);
  const manifest = join(root, 'package.json');
  const text = readFileSync(manifest, 'utf8');
  const packed = packedManifest(JSON.parse(text) as Record<string, unknown>);
  writeFileSync(join(root, KEPT_NAME), text);
  writeFileSync(manifest, `${JSON.stringify(packed, null, 2)}\n`);
}

if (import.meta.main) {
  const mode = process.argv[2];
  if (mode === 'strip') strip();
  else if (mode === 'restore') restore();
  else {
    process.stderr.write('usage: node scripts/package/pack-manifest.ts strip|restore\n');
    process.exit(2);
  }
}
