/**
 * Stopping `npm start` as users do, with Ctrl-C (SIGINT to the terminal's process group) or a
 * SIGTERM to npm alone (a process manager, CI), leaves no process behind: npm, its shell and the
 * server all exit, and the port is free again.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processGroup, readyUrl, waitUntilGone } from '../scripts/process-group.ts';

const ROOT = join(import.meta.dirname, '..');
const leftovers: number[] = [];

afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** `npm start -- --port 0` in its own process group, as a terminal would run it; resolves once ready. */
async function npmStart(): Promise<{ npm: number; pids: number[]; url: string }> {
  const child = spawn('npm', ['start', '--', '--port', '0', '--quiet'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const npm = child.pid as number;
  const url = await readyUrl('npm start', child);
  const pids = processGroup(npm);
  leftovers.push(...pids);
  return { npm, pids, url };
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

describe('stopping npm start', () => {
  it('SIGTERM to npm alone stops npm, its shell and the server', async () => {
    const { npm, pids, url } = await npmStart();
    // npm, the shell npm runs scripts in, and the server.
    expect(pids.length).toBeGreaterThanOrEqual(2);
    process.kill(npm, 'SIGTERM');
    expect(await waitUntilGone(pids, 10_000)).toEqual([]);
    expect(await refused(url)).toBe(true);
  });

  it('Ctrl-C (SIGINT to the process group) stops them all', async () => {
    const { npm, pids, url } = await npmStart();
    process.kill(-npm, 'SIGINT');
    expect(await waitUntilGone(pids, 10_000)).toEqual([]);
    expect(await refused(url)).toBe(true);
  });
});
