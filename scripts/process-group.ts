/**
 * What a command left running, read from /proc (Linux): the live processes of a process group,
 * and a bounded wait for a set of processes to be gone. For the tests that stop a command with a
 * signal and check that nothing it started survives.
 */
import { readdirSync, readFileSync } from 'node:fs';

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
