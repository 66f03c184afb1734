/**
 * The CI workflow and the consumer workflow printed in the docs, checked offline with GitHub's own
 * workflow parser, and the provider/consumer steps the docs promise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RULES } from './catalogue.ts';
import type { Json } from './types.ts';
import { lintWorkflow } from './workflow-lint.ts';

const root = join(import.meta.dirname, '..', '..');
const workflowFile = join(root, '.github', 'workflows', 'contract.yml');
const workflowText = readFileSync(workflowFile, 'utf8');
const workflow = parse(workflowText) as Json;
const docs = readFileSync(join(root, 'docs', 'ci-gate.md'), 'utf8');
const rulesPage = readFileSync(join(root, 'docs', 'diff-rules.md'), 'utf8');

type Step = { name?: string; uses?: string; run?: string; with?: Json; env?: Json; if?: string };
const steps = (job: string) => ((workflow.jobs as Record<string, { steps: Step[] }>)[job]?.steps ?? []) as Step[];
/** A GitHub expression, `${{ ... }}`, spelled so that linters do not take it for a template. */
const gha = (expression: string) => `\${{ ${expression} }}`;
const runs = (job: string) => steps(job).map((s) => s.run ?? '');

describe('GitHub workflow validation', () => {
  it('finds no problem in .github/workflows/contract.yml', async () => {
    expect(await lintWorkflow('contract.yml', workflowText)).toEqual([]);
  });

  it.each([
    [
      'an unknown job key',
      'on: push\njobs:\n  a:\n    runs-onx: ubuntu-latest\n    steps: [{ run: x }]\n',
      "Unexpected value 'runs-onx'",
    ],
    [
      'an unknown expression context',
      `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${gha('secretz.A')}\n`,
      "Unrecognized named-value: 'secretz'",
    ],
    [
      'a cycle of needs',
      'on: push\njobs:\n  a:\n    runs-on: x\n    needs: b\n    steps: [{ run: x }]\n  b:\n    runs-on: x\n    needs: a\n    steps: [{ run: x }]\n',
      'at least one job with no dependencies',
    ],
    [
      'an unknown trigger',
      'on: pushed\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: x }]\n',
      "Unexpected value 'pushed'",
    ],
  ])('reports %s', async (_, content, message) => {
    const errors = await lintWorkflow('bad.yml', content);
    expect(errors.join('\n')).toContain(message);
  });

  it('finds no problem in the consumer workflow the docs give to copy', async () => {
    const block = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] as string)
      .find((y) => /\njobs:/.test(y));
    expect(block).toBeDefined();
    expect(await lintWorkflow('login-api.yml', block as string)).toEqual([]);
  });
});

describe('contract.yml', () => {
  it('checks out full history so spec:diff can read the pull request base', () => {
    const checkout = steps('provider').find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0 });
  });

  it('runs the provider gates in order: spec check, spec lint, spec diff, tests, deployed contract', () => {
    const order = [
      'npm ci',
      'npm run spec:check',
      'npm run lint:spec',
      'npm run spec:diff -- --base "origin/$BASE_REF"',
      'npm test',
      'npm run contract --',
    ].map((command) => runs('provider').findIndex((run) => run.startsWith(command)));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const diff = steps('provider').find((s) => s.run?.includes('origin/$BASE_REF'));
    expect(diff?.env).toEqual({ BASE_REF: gha('github.base_ref') });
  });

  it('runs the contract suite against the deployed URL from secrets, with a JUnit report uploaded', () => {
    const contract = runs('provider').find((run) => run.startsWith('npm run contract --')) ?? '';
    // Credentials reach the CLI through CONTRACT_* variables, never a logged command line.
    expect(contract).not.toMatch(/--password|--user|--base-url/);
    expect(contract).toContain('--report junit=contract-junit.xml');
    const env = (workflow.jobs as Record<string, { env: Json }>).provider?.env;
    expect(env).toMatchObject({
      CONTRACT_BASE_URL: gha('secrets.CONTRACT_BASE_URL'),
      CONTRACT_USER: gha('secrets.CONTRACT_USER'),
      CONTRACT_PASSWORD: gha('secrets.CONTRACT_PASSWORD'),
    });
    // npm test checks the kit's own mock; it must not inherit the deployed API's settings.
    const test = steps('provider').find((s) => s.run === 'npm test');
    expect(test?.env).toMatchObject({ CONTRACT_BASE_URL: '', CONTRACT_PASSWORD: '' });
    const upload = steps('provider').find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ path: 'contract-junit.xml' });
    expect(upload?.if).toContain('always()');
  });

  it('never writes a secret into a command line, where logs would show it', () => {
    for (const job of ['provider', 'consumer']) {
      for (const run of runs(job)) expect(run).not.toContain('secrets.');
    }
  });

  it('has a consumer job running the frontend tests', () => {
    expect(runs('consumer').some((run) => run.startsWith('npx vitest run'))).toBe(true);
  });

  it('only runs npm scripts that package.json defines', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Json }).scripts;
    const used = [...workflowText.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string);
    expect(used.length).toBeGreaterThan(3);
    expect(used.filter((name) => !(name in scripts))).toEqual([]);
  });
});

describe('docs', () => {
  it('lists every spec:diff rule with its level', () => {
    const missing = RULES.filter((rule) => !rulesPage.includes(`| \`${rule.id}\` | ${rule.level} |`)).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it('has the sections "Gating a provider" and "Gating a consumer"', () => {
    expect(docs).toMatch(/^## Gating a provider$/m);
    expect(docs).toMatch(/^## Gating a consumer$/m);
  });
});
