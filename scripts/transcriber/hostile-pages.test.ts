/**
 * Hostile pages: no crash, a warning, and the content kept. Time and memory on large pages are
 * measured by `npm run bench -- --only transcriber`, not here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturedOutput } from '../captured-output.ts';
import { main } from './cli.ts';
import { transcribe } from './to-openapi.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests walk generated documents of no fixed shape
type Doc = Record<string, any>;

const HEAD =
  '# Hostile\n\n{% api-method method="get" host="https://a.test" path="/x" %}\n{% api-method-summary %}\nX\n{% endapi-method-summary %}\n';
const response = (inner: string) =>
  `{% api-method-spec %}\n{% api-method-response %}\n{% api-method-response-example httpCode=200 %}\n${inner}\n{% endapi-method-response-example %}\n{% endapi-method-response %}\n{% endapi-method-spec %}\n`;

describe('hostile pages', () => {
  it('a 600 KB line of tags never closed is read, with a warning', () => {
    for (const line of ['{% tab '.repeat(90_000), '{% tab %}'.repeat(70_000), '{% a '.repeat(120_000)]) {
      const { document, warnings } = transcribe(`${HEAD}${line}\n`);
      expect(Object.keys(document.paths as Doc)).toEqual(['/x']);
      expect(warnings.length).toBeGreaterThan(0);
    }
  });

  it('tags nested 50 000 deep: a warning, and the example inside still read', () => {
    const deep = `${'{% tabs %}{% tab title="t" %}'.repeat(25_000)}\n\`\`\`json\n{"kept": true}\n\`\`\`\n`;
    const { document, warnings } = transcribe(`${HEAD}${response(deep)}{% endapi-method %}\n`);
    expect(warnings).toContainEqual(expect.stringMatching(/tags nested deeper than 32 levels/));
    const examples = (document as Doc).paths['/x'].get.responses['200'].content['application/json'].examples;
    expect(Object.values(examples).map((e) => (e as Doc).value)).toEqual([{ kept: true }]);
  });

  it('a JSON example nested 100 000 deep is kept as written, with a warning', () => {
    const body = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const { document, warnings } = transcribe(`${HEAD}${response(`\`\`\`json\n${body}\n\`\`\``)}{% endapi-method %}\n`);
    expect(warnings).toContainEqual(
      expect.stringMatching(/200 example is nested deeper than 64 levels; kept as a string/),
    );
    const media = (document as Doc).paths['/x'].get.responses['200'].content['application/json'];
    expect(media.examples.documented.value).toBe(body);
  });

  it('a long type name or nullable chain is an unknown type, not a stack overflow', () => {
    const page = `${HEAD}{% api-method-spec %}{% api-method-request %}{% api-method-query-parameters %}{% api-method-parameter name="q" type="${'array of '.repeat(20_000)}int${'?'.repeat(20_000)}" %}{% endapi-method-parameter %}{% endapi-method-query-parameters %}{% endapi-method-request %}{% endapi-method-spec %}{% endapi-method %}\n`;
    const { warnings } = transcribe(page);
    expect(warnings).toContainEqual(expect.stringMatching(/parameter "q" has unknown type/));
  });

  it('--strict fails (exit 1) on a page where something cannot be said in OpenAPI, naming the line', async () => {
    const page = `${HEAD}{% api-method-spec %}{% api-method-request %}{% api-method-path-parameters %}\n{% api-method-parameter name="id" type="string" required=true %}\n{% endapi-method-parameter %}\n{% endapi-method-path-parameters %}{% endapi-method-request %}{% endapi-method-spec %}{% endapi-method %}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    try {
      writeFileSync(join(dir, 'page.md'), page);
      const output = capturedOutput();
      expect(await main([join(dir, 'page.md'), '--strict'], output)).toBe(1);
      expect(output.written.err).toMatch(/line 8: path parameter "id" does not appear in \/x; ignored/);
      expect(output.written.out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
