/**
 * The catalogue against the rules/ folder: every module there has its test beside it and every rule
 * it exports is listed once, so no rule runs untested or sits unlisted.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from './catalogue.ts';
import { rulesIn } from './define-rule.ts';
import { diffSpecs } from './diff-specs.ts';
import { smallSpec } from './test-support.ts';

const dir = join(import.meta.dirname, 'rules');
const modules = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

describe('spec:diff rule catalogue', () => {
  it('reports nothing for identical documents', () => {
    expect(diffSpecs(smallSpec(), smallSpec())).toEqual([]);
  });

  it('has a test beside every rule module', () => {
    expect(modules.length).toBeGreaterThan(0);
    expect(modules.filter((name) => !existsSync(join(dir, name.replace(/\.ts$/, '.test.ts'))))).toEqual([]);
  });

  it('lists every rule the modules export, once, and nothing else', async () => {
    const exported = [];
    for (const name of modules) exported.push(...rulesIn(await import(join(dir, name))));
    expect(new Set(RULES).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES)).toEqual(new Set(exported));
  });
});
