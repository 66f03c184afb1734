import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startPrism } from './prism.ts';

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/v1/api/auth/refresh`, { method: 'POST', signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

describe('startPrism', () => {
  // One Prism serves all three checks: each start costs seconds of CPU.
  it('serves the spec on 127.0.0.1, answers bodies Prism alone never answers (truncated JSON, not JSON) with a 4xx within 1 s, and stops on close()', async () => {
    const prism = await startPrism({ port: 0 });
    try {
      expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await answers(prism.url)).toBe(true);
      for (const body of ['{"user": "u", "password": ', 'not json', '{']) {
        const started = Date.now();
        const res = await fetch(`${prism.url}/v1/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        expect(res.status, body).toBe(400);
        expect(await res.json()).toEqual({ code: 400, desc: expect.stringMatching(/^Invalid request: /) });
        expect(Date.now() - started).toBeLessThan(1_000);
      }
    } finally {
      await prism.close();
    }
    expect(await answers(prism.url)).toBe(false);
  });

  it('does not outlive a parent that is killed outright (SIGKILL)', async () => {
    const module = pathToFileURL(join(import.meta.dirname, 'prism.ts')).href;
    const parent = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const p = await (await import('${module}')).startPrism(); console.log(p.pid, p.url);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let pid = 0;
    try {
      let url: string;
      [pid, url] = await new Promise<[number, string]>((resolve, reject) => {
        let out = '';
        parent.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /^(\d+) (http:\/\/\S+)$/m.exec(out);
          if (match) resolve([Number(match[1]), match[2] as string]);
        });
        parent.once('exit', () => reject(new Error(`parent exited early: ${out}`)));
      });
      expect(await answers(url)).toBe(true);
      parent.kill('SIGKILL');
      // No request from here on: Prism must go by itself, not by failing to write its request log.
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      const deadline = Date.now() + 10_000;
      while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(alive()).toBe(false);
    } finally {
      parent.kill('SIGKILL');
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL'); // only if the check above failed
        } catch {}
      }
    }
  });

  it('rejects with Prism output when the document is unusable', async () => {
    await expect(startPrism({ port: 0, document: join(import.meta.dirname, 'no-such-file.yaml') })).rejects.toThrow(
      /Prism exited before it was ready/,
    );
  });
});
