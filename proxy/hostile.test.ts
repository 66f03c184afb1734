// Hostile traffic through the proxy, as a process: bodies built to break it must leave it
// forwarding, recording and reporting.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../contract-tests/fixtures/servers/reference.ts';
import { startServer } from '../scripts/server-process.ts';
import { harErrors, password, reference, serveHandler, serveVariant } from './fixtures.ts';

const proxyCli = join(import.meta.dirname, 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'proxy-hostile-'));
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const targets: Running[] = [];
beforeAll(async () => {
  targets.push(await serveVariant(reference));
  // A target whose every answer nests 20,000 levels deep.
  targets.push(
    await serveHandler((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"code":0,"result":${nested(20_000)}}`);
    }),
  );
}, 30_000);
afterAll(async () => {
  for (const target of targets) await target.close();
});

/** `npm run proxy` (its process) in front of `target`, recording to `har`. */
const recordingProxy = (target: Running | undefined, har: string, ...extra: string[]) =>
  startServer([proxyCli, '--target', (target as Running).url, '--port', '0', '--record', har, ...extra]);

const post = (url: string, body: string) =>
  fetch(`${url}/v1/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  });

describe('deeply nested JSON through a recording proxy', () => {
  it('a 5,000-deep request body is forwarded, judged, recorded; the proxy keeps serving and writes HAR and report', async () => {
    const har = join(dir, 'deep-request.har');
    const json = join(dir, 'deep-request.json');
    const proxy = await recordingProxy(targets[0], har, '--report', `json=${json}`);
    try {
      const attack = await post(proxy.url, `{"user":"alice","password":"${password}","x":${nested(5000)}}`);
      expect(attack.status).toBe(200); // the reference server ignores the extra member: legitimate
      const after = await post(proxy.url, JSON.stringify({ user: 'alice', password }));
      expect(after.status).toBe(200);
    } finally {
      await proxy.stop();
    }
    const { code } = await proxy.exited;
    expect(code, proxy.stderr()).toBe(0);
    expect(proxy.stderr()).not.toMatch(/RangeError|at \w+ \(/);
    const recording = JSON.parse(readFileSync(har, 'utf8'));
    expect(recording.log.entries).toHaveLength(2);
    expect(readFileSync(har, 'utf8')).not.toContain(password);
    expect(JSON.parse(readFileSync(json, 'utf8')).exitCode).toBe(0);
  }, 60_000);

  it('a target answering 20,000-deep JSON gets a FAIL naming the nesting, not a dead proxy', async () => {
    const har = join(dir, 'deep-answer.har');
    const proxy = await recordingProxy(targets[1], har);
    try {
      for (let i = 0; i < 3; i++) {
        const answer = await post(proxy.url, JSON.stringify({ user: 'alice', password }));
        expect(answer.status).toBe(200);
        await answer.arrayBuffer();
      }
    } finally {
      await proxy.stop();
    }
    const { code } = await proxy.exited;
    expect(code, proxy.stderr()).toBe(1);
    expect(proxy.stdout()).toMatch(
      /FAIL {2}POST \/v1\/api\/auth\/login 200 {2}login-success .*nests deeper than 64 levels/,
    );
    expect(JSON.parse(readFileSync(har, 'utf8')).log.entries).toHaveLength(3);
  }, 60_000);
});

describe('a streamed recording', () => {
  it('is a valid HAR after every exchange, bodies over 1 MiB cut with a note, all of it kept on SIGTERM', async () => {
    const har = join(dir, 'big.har');
    const proxy = await recordingProxy(targets[0], har);
    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    try {
      const first = await post(proxy.url, JSON.stringify({ user: 'alice', password }));
      await first.arrayBuffer();
      // Judged and written while the proxy runs: the file is complete already.
      let written: { log: { entries: unknown[] } } | undefined;
      for (let i = 0; i < 100 && (written?.log.entries.length ?? 0) < 1; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        written = JSON.parse(readFileSync(har, 'utf8'));
      }
      expect(written?.log.entries).toHaveLength(1);
      for (let i = 0; i < 8; i++) {
        const answer = await fetch(`${proxy.url}/upload`, {
          method: 'PUT',
          body: big,
          signal: AbortSignal.timeout(10_000),
        });
        await answer.arrayBuffer();
      }
    } finally {
      await proxy.stop();
    }
    expect((await proxy.exited).code, proxy.stderr()).toBe(0);
    const recording = JSON.parse(readFileSync(har, 'utf8'));
    expect(recording.log.entries).toHaveLength(9);
    expect(harErrors(recording)).toEqual([]);
    const upload = recording.log.entries[1].request.postData;
    expect(upload.text.length).toBe(1024 * 1024);
    expect(upload.comment).toMatch(/^body cut off: 3145728 bytes, the recording keeps the first 1048576/);
  }, 60_000);
});
