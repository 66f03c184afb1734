// A server that echoes the password back, escaped every way servers and templates escape text:
// the console, the JUnit and the JSON report carry none of it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './fixtures/run-cli.ts';
import { serve } from './fixtures/servers/reference.ts';

const user = 'alice';
const password = 'Tom  & Jerry <3 "ä"'; // two spaces: excerpts collapse them
const b64 = (text: string) => Buffer.from(text).toString('base64');
const allUnicode = [...password].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** The password as a server may echo it (each inside an answer body). */
const echoes: [string, string][] = [
  ['raw in a JSON string', JSON.stringify(password).slice(1, -1)],
  ['Go-style \\u0026 \\u003c', 'Tom  \\u0026 Jerry \\u003c3 \\"\\u00e4\\"'],
  ['every character as \\uXXXX', allUnicode],
  ['HTML entities', 'Tom &nbsp;&amp; Jerry &lt;3 &quot;&auml;&quot;'],
  ['HTML numeric entities', 'Tom &#32;&#x26; Jerry &#60;3 &#34;&#228;&#34;'],
  ['URL-encoded', encodeURIComponent(password)],
  ['form-encoded', encodeURIComponent(password).replaceAll('%20', '+')],
  ['base64 of user:password', b64(`${user}:${password}`)],
  ['base64 of the password', b64(password)],
  ['cut by the excerpt', `${'x'.repeat(280)}${JSON.stringify(password).slice(1, -1)}`],
];

describe('the contract CLI never prints an echoed password', () => {
  it('in any encoding, in the console, the JUnit and the JSON report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-echoed-'));
    let n = 0;
    const server = await serve((_req, res) => {
      const [, echo] = echoes[n++ % echoes.length] as [string, string];
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(`{"error":"wrong password ${echo} for ${user}"}`);
    });
    let run: Awaited<ReturnType<typeof runInProcess>>;
    try {
      run = await runInProcess([
        '--base-url',
        server.url,
        '--user',
        user,
        '--password',
        password,
        '--report',
        `json=${join(dir, 'r.json')}`,
        '--report',
        `junit=${join(dir, 'r.xml')}`,
      ]);
    } finally {
      await server.close();
    }
    expect(run.code).toBe(1);
    expect(n).toBeGreaterThan(echoes.length);
    const outputs = {
      console: run.stdout + run.stderr,
      json: readFileSync(join(dir, 'r.json'), 'utf8'),
      junit: readFileSync(join(dir, 'r.xml'), 'utf8'),
    };
    for (const [output, text] of Object.entries(outputs)) {
      // Echoes were shown (masked), so the check is not vacuous.
      expect(text, output).toContain('wrong password ***');
      for (const [what, echo] of echoes) {
        const core = what === 'cut by the excerpt' ? JSON.stringify(password).slice(1, 9) : echo;
        expect(text, `${output}: ${what}`).not.toContain(core);
      }
      for (const piece of ['Tom  &', 'Tom &', 'Jerry <3', 'Jerry &lt;3', 'Jerry \\u003c', '%26%20Jerry', 'Tom+%26']) {
        expect(text, `${output}: ${piece}`).not.toContain(piece);
      }
    }
  }, 60_000);
});
