/**
 * How the oasdiff corpus in this folder was built (run by hand, not by the tests):
 *
 *   git clone https://github.com/oasdiff/oasdiff /tmp/oasdiff
 *   npx node scripts/spec-diff/oasdiff-corpus/extract.ts /tmp/oasdiff
 *   npm run format   (manifest.json in the project's JSON style)
 *
 * It reads oasdiff's checker tests (checker/*_test.go), keeps each test that diffs two spec files
 * as they are on disk and asserts what the checker reports, and writes manifest.json: the pair, the
 * change ids the test asserts with their levels (from checker/rules.go, or the level the test
 * itself asserts), and so oasdiff's verdict (breaking = an ERR among them). Tests that edit a
 * loaded spec in Go code before diffing, use a diff option, or load files it cannot name are listed
 * under `skipped` with the reason. The spec files a kept test uses are copied under data/.
 * The parsing is deliberately plain (regular expressions over Go source): the manifest is committed
 * and reviewed, so a case the heuristics read wrongly is visible there.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

type Level = 'ERR' | 'WARN' | 'INFO';

interface Case {
  name: string;
  tests: string[];
  base: string;
  head: string;
  breaking: boolean;
  ids: { id: string; level: Level }[];
  /**
   * When every test of the pair ran one oasdiff check (`singleCheckConfig(checker.X)`), the part of
   * the document that check judges, read from its name: its verdict says nothing about the rest.
   */
  scope?: Scope;
  /** oasdiff's deprecation policy the test ran with (`WithDeprecation(beta, stable)`), if any. */
  deprecationDays?: [number, number];
}

const source: string = process.argv[2] ?? '';
if (!source) throw new Error('usage: extract.ts PATH_TO_OASDIFF_CHECKOUT');
const out = import.meta.dirname;
const checkerDir = join(source, 'checker');

/** `XxxId` constant name -> [id, level] from the constants and checker/rules.go. */
function ruleLevels(): Map<string, { id: string; level: Level }> {
  const ids = new Map<string, string>();
  for (const file of readdirSync(checkerDir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))) {
    for (const m of readFileSync(join(checkerDir, file), 'utf8').matchAll(/^\s*(\w+Id)\s*=\s*"([^"]+)"/gm)) {
      ids.set(m[1] as string, m[2] as string);
    }
  }
  const levels = new Map<string, { id: string; level: Level }>();
  const rules = readFileSync(join(checkerDir, 'rules.go'), 'utf8');
  for (const m of rules.matchAll(/newBackwardCompatibilityRule\((\w+Id),\s*(ERR|WARN|INFO)\b/g)) {
    const id = ids.get(m[1] as string);
    if (id) levels.set(m[1] as string, { id, level: m[2] as Level });
  }
  return levels;
}

const SUBDIR_HELPERS: Record<string, string> = {};

type Scope = 'request' | 'response' | 'request-schema' | 'response-schema' | 'operation';

/** The area an oasdiff check judges, by its name (RequestProperty...Check judges request schemas...). */
function scopeOf(check: string): Scope | undefined {
  if (/^RequestProperty/.test(check)) return 'request-schema';
  if (/^ResponseProperty/.test(check)) return 'response-schema';
  if (/^Request/.test(check)) return 'request';
  if (/^Response/.test(check)) return 'response';
  if (/^(API|Endpoint)/.test(check)) return 'operation';
  return undefined;
}

/** Top-level test functions of a Go file, name and body. */
function testFunctions(text: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  const starts = [...text.matchAll(/^func (Test\w+)\(t \*testing\.T\) \{$/gm)];
  for (const start of starts) {
    const from = (start.index ?? 0) + start[0].length;
    const end = text.indexOf('\n}\n', from);
    out.push({ name: start[1] as string, body: text.slice(from, end < 0 ? undefined : end) });
  }
  return out;
}

/** How a test names the spec files it loads: a pattern and the data/ paths a match stands for. */
const LOADERS: [RegExp, (m: RegExpExecArray) => string[] | string][] = [
  [
    /\bopen\((\w+)\("([^"]+)"\)/,
    (m) => (SUBDIR_HELPERS[m[1] as string] ? [`${SUBDIR_HELPERS[m[1] as string]}/${m[2]}`] : `file helper ${m[1]}`),
  ],
  [/\b(?:open|LoadFromFile)\("([^"]+)"/, (m) => [dataPath(m[1] as string)]],
  [/\bloadFrom\(t,\s*"([^"]+)",\s*(\d+)\)/, (m) => [dataPath(`${m[1]}spec${m[2]}.yaml`)]],
  [/\bl\(t,\s*(\d+)\)/, (m) => [`openapi-test${m[1]}.yaml`]],
  [
    /\bd\(t,\s*diff\.NewConfig\(\),\s*(\d+),\s*(\d+)\)/,
    (m) => [`openapi-test${m[1]}.yaml`, `openapi-test${m[2]}.yaml`],
  ],
];

function dataPath(path: string): string {
  return posix.normalize(path).replace(/^\.\.\/data\//, '');
}

/** The spec files a test loads, in order, as paths relative to oasdiff's data/ folder. */
function loadedFiles(body: string): { files: string[]; vars: string[]; unknown?: string } {
  const files: string[] = [];
  const vars: string[] = [];
  for (const line of body.split('\n')) {
    const variable = /^\s*(\w+)(?:,\s*\w+)?\s*:?=/.exec(line)?.[1];
    const found = LOADERS.map(([pattern, paths]) => {
      const m = pattern.exec(line);
      return m ? paths(m) : undefined;
    }).find((paths) => paths !== undefined);
    if (typeof found === 'string') return { files, vars, unknown: found };
    if (found === undefined) {
      if (/\b(?:open|LoadFromFile|loadFrom|loadOpenAPISpecInfo)\(|\bd\(t,/.test(line)) {
        return { files, vars, unknown: `spec loaded from an expression: ${line.trim()}` };
      }
      continue;
    }
    files.push(...found);
    if (variable && found.length === 1) vars.push(variable);
  }
  return { files, vars };
}

function extract() {
  const levels = ruleLevels();
  const helpers = readFileSync(join(checkerDir, 'helpers_test.go'), 'utf8');
  for (const m of helpers.matchAll(/(\w+)\s*=\s*dataFileFn\("([^"]+)"\)/g))
    SUBDIR_HELPERS[m[1] as string] = m[2] as string;

  const cases = new Map<string, Case>();
  const skipped: { test: string; reason: string }[] = [];
  const testFiles = readdirSync(checkerDir)
    .filter((f) => f.endsWith('_test.go'))
    .sort();
  for (const file of testFiles) {
    for (const { name, body } of testFunctions(readFileSync(join(checkerDir, file), 'utf8'))) {
      if (!/CheckBackwardCompatibility/.test(body)) continue; // a diff, loader or formatting test
      const test = `${file.replace(/_test\.go$/, '')}.${name}`;
      const skip = (reason: string) => skipped.push({ test, reason });
      if (/t\.Run\(|for _, \w+ := range/.test(body)) {
        skip('table-driven test');
        continue;
      }
      const { files, vars, unknown } = loadedFiles(body);
      if (unknown) {
        skip(unknown);
        continue;
      }
      if (files.length !== 2) {
        skip(`loads ${files.length} specs`);
        continue;
      }
      // Any use of a loaded spec other than loading and diffing it may change it.
      const edited = vars.find((v) =>
        body
          .split('\n')
          .some(
            (line) =>
              new RegExp(`\\b${v}\\b`).test(line) &&
              !/:?=\s*(open|l|loadFrom|\w+\.LoadFromFile)\(|diff\.Get/.test(line),
          ),
      );
      if (edited) {
        skip('edits the loaded spec in Go code before diffing');
        continue;
      }
      if (/diff\.NewConfig\(\)\.With|WithSeverityLevels|WithAttributes|WithOptionalCheck|ExcludeElements/.test(body)) {
        skip('runs with a diff or checker option spec:diff has no counterpart for');
        continue;
      }
      const [base, head] = files as [string, string];
      const asserted: { id: string; level: Level }[] = [];
      const explicit: Level[] = [];
      for (const line of body.split('\n')) {
        if (/Not(Contains|Equal)|require\.False/.test(line)) continue;
        for (const m of line.matchAll(/checker\.(\w+Id)\b/g)) {
          const rule = levels.get(m[1] as string);
          if (rule && !asserted.some((a) => a.id === rule.id)) asserted.push(rule);
        }
        for (const m of line.matchAll(
          /Level:\s*checker\.(ERR|WARN|INFO)\b|checker\.(ERR|WARN|INFO),\s*[\w.[\]()]*GetLevel\(\)/g,
        )) {
          explicit.push((m[1] ?? m[2]) as Level);
        }
      }
      const empty =
        /require\.(Empty|Len)\(t,\s*\w+(,\s*0)?\)/.test(body) &&
        /require\.Empty\(t,\s*\w+\)|require\.Len\(t,\s*\w+,\s*0\)/.test(body);
      if (asserted.length === 0 && !empty) {
        skip('asserts no change id this extraction can read');
        continue;
      }
      const single = /singleCheckConfig\(checker\.(\w+Check)\b/.exec(body)?.[1];
      const scope = single && !/allChecksConfig/.test(body) ? scopeOf(single) : undefined;
      const deprecation = /WithDeprecation\((\d+),\s*(\d+)\)/.exec(body);
      const breaking = explicit.length > 0 ? explicit.includes('ERR') : asserted.some((a) => a.level === 'ERR');
      const key = `${base}|${head}|${deprecation?.[0] ?? ''}`;
      const existing = cases.get(key);
      if (existing) {
        existing.tests.push(test);
        existing.breaking ||= breaking;
        if (existing.scope !== scope) delete existing.scope;
        for (const a of asserted) if (!existing.ids.some((e) => e.id === a.id)) existing.ids.push(a);
        continue;
      }
      cases.set(key, {
        name: test,
        tests: [test],
        base,
        head,
        breaking,
        ids: asserted,
        ...(scope ? { scope } : {}),
        ...(deprecation
          ? { deprecationDays: [Number(deprecation[1]), Number(deprecation[2])] as [number, number] }
          : {}),
      });
    }
  }

  // Cross-file $refs: spec:diff compares one bundled document per side.
  const kept: Case[] = [];
  for (const c of cases.values()) {
    const external = [c.base, c.head].find((f) =>
      /\$ref:\s*['"]?(?!#)[^'"\s#]/.test(readFileSync(join(source, 'data', f), 'utf8')),
    );
    if (external) {
      for (const test of c.tests) skipped.push({ test, reason: `${external} refers to other files` });
      continue;
    }
    kept.push(c);
  }

  rmSync(join(out, 'data'), { recursive: true, force: true });
  for (const file of new Set(kept.flatMap((c) => [c.base, c.head]))) {
    mkdirSync(dirname(join(out, 'data', file)), { recursive: true });
    copyFileSync(join(source, 'data', file), join(out, 'data', file));
  }
  copyFileSync(join(source, 'LICENSE'), join(out, 'LICENSE'));
  const commit = execFileSync('git', ['-C', source, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const manifest = { source: 'https://github.com/oasdiff/oasdiff', commit, cases: kept, skipped };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(
    `${kept.length} cases (${kept.filter((c) => c.breaking).length} breaking), ${skipped.length} tests skipped`,
  );
}

extract();
