import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocs, headingAnchors, headingSlug, markdownLinks, npmRunNames } from './doc-links.ts';

const root = join(import.meta.dirname, '..', '..');

function readRepoFile(path: string): string | undefined {
  const full = join(root, path);
  try {
    return statSync(full).isDirectory() ? '' : readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
}

describe('the README and docs/', () => {
  const pages = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
  const docs = new Map(pages.map((path) => [path, readRepoFile(path) as string]));
  const scripts = new Set(Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts));

  it('have no dead relative link and name no missing npm script', () => {
    expect(pages.length).toBeGreaterThan(4);
    expect(checkDocs({ docs, readFile: readRepoFile, scripts })).toEqual([]);
  });

  it('each open with a level-one heading and what the reader can do after reading', () => {
    for (const path of pages.filter((page) => page.startsWith('docs/'))) {
      const text = (docs.get(path) as string).replace(/^<!--.*-->\n/, '');
      expect(text, path).toMatch(/^# .+\n\nAfter reading this page you /);
    }
  });
});

describe('headingSlug / headingAnchors', () => {
  it.each([
    ['Levels: what the docs say vs. what we assume', 'levels-what-the-docs-say-vs-what-we-assume'],
    ['Your Node tests (msw `setupServer`)', 'your-node-tests-msw-setupserver'],
    ['Breaking changes: `npm run spec:diff`', 'breaking-changes-npm-run-specdiff'],
    ['CI', 'ci'],
  ])('%j -> %j', (heading, slug) => {
    expect(headingSlug(heading)).toBe(slug);
  });

  it('numbers repeated headings and ignores # lines in code', () => {
    const anchors = headingAnchors('# A\n## Usage\n```sh\n# not a heading\n```\n## Usage\n');
    expect([...anchors]).toEqual(['a', 'usage', 'usage-1']);
  });
});

describe('markdownLinks / npmRunNames', () => {
  it('finds links in prose only, and npm scripts everywhere', () => {
    const text =
      'See [a](docs/a.md#x) and `[b](b.md)`.\n```md\n[c](c.md)\nnpm run bench\n```\nor npm run spec:check.\n';
    expect(markdownLinks(text)).toEqual([{ value: 'docs/a.md#x', line: 1 }]);
    expect(npmRunNames(text)).toEqual([
      { value: 'bench', line: 4 },
      { value: 'spec:check', line: 6 },
    ]);
  });
});

describe('checkDocs', () => {
  const files: Record<string, string> = {
    'README.md': [
      '# Kit',
      '[ok](docs/a.md) [ok anchor](docs/a.md#usage) [self](#kit) [web](https://example.com/x.md)',
      '[dead](docs/missing.md) [bad anchor](docs/a.md#nope) [source](mocks/cli.ts)',
      'npm run known, npm run unknown',
    ].join('\n'),
    'docs/a.md': '# A\n\n## Usage\n\n[up](../README.md#kit) [gone](../nowhere.md)\n',
    'mocks/cli.ts': '',
  };
  const problems = checkDocs({
    docs: new Map(Object.entries(files).filter(([path]) => path.endsWith('.md'))),
    readFile: (path) => files[path],
    scripts: new Set(['known']),
  });

  it('reports each dead link, missing anchor and unknown script, with its line', () => {
    expect(problems).toEqual([
      { file: 'README.md', line: 3, message: 'link to docs/missing.md: docs/missing.md does not exist' },
      { file: 'README.md', line: 3, message: 'link to docs/a.md#nope: docs/a.md has no heading #nope' },
      { file: 'README.md', line: 4, message: 'npm run unknown: package.json has no such script' },
      { file: 'docs/a.md', line: 5, message: 'link to ../nowhere.md: nowhere.md does not exist' },
    ]);
  });
});
