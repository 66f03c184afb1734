/**
 * Servers started as users start them, for the tests that stop them with a signal: the ready line,
 * and what a command left running, read from /proc (Linux): the live processes of a process group,
 * and a bounded wait for a set of processes to be gone. For the tests that stop a command with a
 * signal and check that nothing it started survives.
 */
import type { ChildProcessByStdio } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';

const READY = /^listening (http:\/\/127\.0\.0\.1:\d+)$/m;

interface ProcStat {
  pid: number;
  state: string;
  pgid: number;
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, , pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state: state ?? '?', pgid: Number(pgid) };
  } catch {
    return undefined; // gone between listing and reading
  }
}

function alive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

/** Live (non-zombie) processes whose process group is `pgid`. */
export function processGroup(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== undefined && stat.pgid === pgid && stat.state !== 'Z')
    .map((stat) => stat.pid);
}

/** Resolves with the processes still alive after `timeoutMs` (empty once all are gone). */
export async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const left = pids.filter(alive);
    if (left.length === 0 || performance.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Resolves with the URL of the `listening http://127.0.0.1:PORT` line a spawned server prints once
 * ready (on stdout or, behind npm's banner, anywhere in its output); rejects if it exits first.
 */
export function readyUrl(
  name: string,
  child: ChildProcessByStdio<null, Readable, Readable>,
  timeoutMs = 30_000,
): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: no ready line after ${timeoutMs} ms\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: string) => {
      output += chunk;
      const found = READY.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}\n${output}`));
    });
  });
}
