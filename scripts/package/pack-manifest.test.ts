import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEPT_NAME, restore, strip } from './pack-manifest.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(manifest: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pack-manifest-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

const manifest = {
  name: 'kit',
  version: '1.0.0',
  scripts: { prepare: 'node scripts/build.ts', postinstall: 'node scripts/setup.ts', start: 'node x.ts' },
  bin: { kit: './dist/cli.js' },
  dependencies: { ajv: '8.0.0' },
};

describe('the packed manifest', () => {
  it('loses its scripts for the pack and gets them back after, byte for byte', () => {
    const dir = project(manifest);
    const original = readFileSync(join(dir, 'package.json'), 'utf8');
    strip(dir);
    const packed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(packed).toEqual({ name: 'kit', version: '1.0.0', bin: manifest.bin, dependencies: manifest.dependencies });
    restore(dir);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(original);
    expect(existsSync(join(dir, KEPT_NAME))).toBe(false);
  });

  it('recovers the original when a pack died between strip and restore', () => {
    const dir = project(manifest);
    const original = readFileSync(join(dir, 'package.json'), 'utf8');
    strip(dir);
    strip(dir); // the next pack: must not keep the stripped copy as "the original"
    restore(dir);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(original);
  });

  it('restore without a strip changes nothing', () => {
    const dir = project(manifest);
    const original = readFileSync(join(dir, 'package.json'), 'utf8');
    restore(dir);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(original);
  });
});
