import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syncFiles } from './generated-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'generated-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('syncFiles', () => {
  const same = join(dir, 'same.txt');
  const changed = join(dir, 'changed.txt');
  const missing = join(dir, 'nested', 'missing.txt');
  writeFileSync(same, 'same');
  writeFileSync(changed, 'old');
  const files = [
    [same, 'same'],
    [changed, 'new'],
    [missing, 'created'],
  ] as const;

  it('names the differing and missing files, and writes nothing when checking', async () => {
    expect(await syncFiles(files, true)).toEqual([changed, missing].map((file) => relative(process.cwd(), file)));
    expect(readFileSync(changed, 'utf8')).toBe('old');
  });

  it('writes them otherwise, creating folders, after which nothing is stale', async () => {
    expect(await syncFiles(files, false)).toHaveLength(2);
    expect(readFileSync(changed, 'utf8')).toBe('new');
    expect(readFileSync(missing, 'utf8')).toBe('created');
    expect(await syncFiles(files, true)).toEqual([]);
  });
});
