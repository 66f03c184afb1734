/**
 * `npm run bench -- --only transcriber`: the transcriber against large and hostile pages, each in a
 * child process of its own (so peak memory is the transcription's): a 10 MB page of many blocks, a
 * 10 MB page that is one JSON example, a 600 KB line of tags never closed, and deep nesting (of
 * tags and of a JSON example). Targets: 10 MB in at most 10 s and at most 20x its size in memory
 * above the idle process; the hostile pages in well under a second, with a warning and no crash.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const worker = join(import.meta.dirname, 'transcriber-worker.ts');
const MB = 1024 * 1024;

/** The node options `npm run transcribe` runs with (its young generation is kept small), so the figures are the command's. */
function commandFlags(): string[] {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = manifest.scripts.transcribe ?? '';
  return (/^node((?:\s+--\S+)*)\s/.exec(script)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

interface Measure {
  ms: number;
  aboveIdle: number;
  operations: number;
  warnings: number;
  yamlBytes: number;
  failure?: string;
}

function block(i: number): string {
  const example = JSON.stringify(
    { id: 476488167042580481n.toString(), items: Array.from({ length: 8 }, (_, k) => ({ k, name: `item ${k}` })) },
    null,
    2,
  ).replace('"476488167042580481"', '476488167042580481');
  return `{% api-method method="post" host="https://api.example.com" path="/v1/things-${i}/:thing-id" %}
{% api-method-summary %}
Update thing ${i}
{% endapi-method-summary %}
{% api-method-description %}
Updates **thing ${i}**; the body is JSON.
{% endapi-method-description %}
{% api-method-spec %}
{% api-method-request %}
{% api-method-path-parameters %}
{% api-method-parameter name="thing-id" type="string" required=true %}
The thing
{% endapi-method-parameter %}
{% endapi-method-path-parameters %}
{% api-method-headers %}
{% api-method-parameter name="Authorization" type="string" required=true %}
Bearer token
{% endapi-method-parameter %}
{% endapi-method-headers %}
{% api-method-body-parameters %}
{% api-method-parameter name="name" type="string" required=true %}
New name
{% endapi-method-parameter %}
{% api-method-parameter name="size" type="int?" %}
New size
{% endapi-method-parameter %}
{% endapi-method-body-parameters %}
{% endapi-method-request %}
{% api-method-response %}
{% api-method-response-example httpCode=200 %}
{% api-method-response-example-description %}
Updated
{% endapi-method-response-example-description %}
\`\`\`json
${example}
\`\`\`
{% endapi-method-response-example %}
{% endapi-method-response %}
{% endapi-method-spec %}
{% endapi-method %}
`;
}

export function manyBlocks(size: number): string {
  const parts = ['# Things\n\n'];
  let length = parts[0]?.length ?? 0;
  for (let i = 0; length < size; i++) {
    const next = block(i);
    parts.push(next);
    length += next.length;
  }
  return parts.join('');
}

export function oneJsonExample(size: number): string {
  const item = '  {"id": 476488167042580481, "name": "a thing", "tags": ["x", "y"], "score": 1.5, "ok": true},\n';
  const count = Math.ceil(size / item.length);
  const body = `[\n${item.repeat(count).slice(0, -2)}\n]`;
  return `# Big\n\n{% api-method method="get" host="https://api.example.com" path="/things" %}\n{% api-method-summary %}\nAll things\n{% endapi-method-summary %}\n{% api-method-spec %}\n{% api-method-response %}\n{% api-method-response-example httpCode=200 %}\n\`\`\`json\n${body}\n\`\`\`\n{% endapi-method-response-example %}\n{% endapi-method-response %}\n{% endapi-method-spec %}\n{% endapi-method %}\n`;
}

const HEAD =
  '# Hostile\n\n{% api-method method="get" host="https://a.test" path="/x" %}\n{% api-method-summary %}\nX\n{% endapi-method-summary %}\n';

const pages: { name: string; text: () => string; sized?: true }[] = [
  { name: '10 MB page, many blocks', text: () => manyBlocks(10 * MB), sized: true },
  { name: '10 MB page, one JSON example', text: () => oneJsonExample(10 * MB), sized: true },
  { name: '600 KB line of {% tab never closed', text: () => `${HEAD}${'{% tab '.repeat(600_000 / 7)}\n` },
  { name: '600 KB line of {% tab %} never ended', text: () => `${HEAD}${'{% tab %}'.repeat(600_000 / 9)}\n` },
  { name: '600 KB line of {% a {% b ... %}', text: () => `${HEAD}${'{% a '.repeat(600_000 / 5)}%}\n` },
  {
    name: 'tags nested 50 000 deep',
    text: () => `${HEAD}${'{% tabs %}{% tab %}'.repeat(25_000)}\n{% endapi-method %}\n`,
  },
  {
    name: 'JSON example nested 100 000 deep',
    text: () =>
      `${HEAD}{% api-method-spec %}{% api-method-response %}{% api-method-response-example httpCode=200 %}\n\`\`\`json\n${'['.repeat(100_000)}${']'.repeat(100_000)}\n\`\`\`\n{% endapi-method-response-example %}{% endapi-method-response %}{% endapi-method-spec %}\n{% endapi-method %}\n`,
  },
];

async function measure(file: string): Promise<Measure> {
  const { stdout } = await run(process.execPath, [...commandFlags(), worker, file], {
    timeout: 120_000,
    maxBuffer: MB,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measure;
}

export interface TranscriberRow extends Measure {
  name: string;
  bytes: number;
  memoryRatio: number;
}

export async function transcriberBench(): Promise<TranscriberRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-transcriber-'));
  const rows: TranscriberRow[] = [];
  try {
    for (const page of pages) {
      const text = page.text();
      const file = join(dir, 'page.md');
      writeFileSync(file, text);
      const bytes = Buffer.byteLength(text);
      const result = await measure(file);
      rows.push({ name: page.name, bytes, ...result, memoryRatio: Math.round((result.aboveIdle / bytes) * 10) / 10 });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function printTranscriberRows(rows: TranscriberRow[]): void {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `\ntranscriber, one child process per page, node ${commandFlags().join(' ')} as npm run transcribe (targets: 10 MB in <= 10 s, <= 20x its size above idle)`,
  );
  console.log(
    `${'page'.padEnd(40)}${pad('MB', 7)}${pad('ms', 8)}${pad('MB above idle', 15)}${pad('x size', 8)}${pad('ops', 7)}${pad('warnings', 10)}  outcome`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(40)}${pad((r.bytes / MB).toFixed(2), 7)}${pad(r.ms, 8)}${pad((r.aboveIdle / MB).toFixed(0), 15)}${pad(r.memoryRatio, 8)}${pad(r.operations, 7)}${pad(r.warnings, 10)}  ${r.failure ?? 'transcribed'}`,
    );
  }
}
