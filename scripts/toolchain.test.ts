import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));

it('runs on the Node runtime the project pins, not the machine one', () => {
  expect(pkg.devDependencies.node).toMatch(/^24\./);
  expect(process.versions.node).toBe(pkg.devDependencies.node);
});
