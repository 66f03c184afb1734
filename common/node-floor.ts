/**
 * Refuses a Node.js older than the package's `engines` floor, once, as the first module every Node
 * entry point loads (the three commands, `login-api-kit/mocks/node`, `/mocks`, `/client`).
 * msw 3 needs Node 22.12: on Node 20 its interception silently does nothing, and a stateful login
 * comes back as "fetch failed" with no hint why. One line naming the version needed is better.
 *
 * A side effect on import, on purpose: it must run before anything else the entry loads. In a
 * browser there is no `process.versions.node` and it does nothing. Bun and Deno report the Node
 * version they resemble, not one they run, so they are left alone too.
 */

/** The oldest Node the package supports: `engines.node` in package.json (a test keeps them equal). */
export const NODE_FLOOR = '22.12.0';

type Versions = { node?: string; bun?: string; deno?: string };
interface NodeProcess {
  versions?: Versions;
  stderr?: { write(text: string): unknown };
  exit?(code: number): never;
}

/** Whether a `major.minor.patch` version is older than the floor. */
export function olderThan(version: string, floor: string = NODE_FLOOR): boolean {
  const parts = (v: string) =>
    v
      .replace(/^v/, '')
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const [have, need] = [parts(version), parts(floor)];
  for (let i = 0; i < need.length; i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}

/** The one line printed on a Node older than the floor. */
export function floorMessage(version: string): string {
  return `login-api-kit needs Node.js ${NODE_FLOOR} or later; this is Node.js ${version.replace(/^v?/, 'v')}. Upgrade Node (e.g. nvm install 22) and run it again.`;
}

const proc = (globalThis as { process?: NodeProcess }).process;
const versions = proc?.versions;
if (versions?.node && !versions.bun && !versions.deno && olderThan(versions.node)) {
  proc?.stderr?.write(`${floorMessage(versions.node)}\n`);
  proc?.exit?.(1);
}
