import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorMessage, NODE_FLOOR, olderThan } from './node-floor.ts';

describe('the Node floor', () => {
  it('is the engines floor of package.json', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    expect(manifest.engines.node).toBe(`>=${NODE_FLOOR}`);
  });

  it.each([
    ['20.20.2', true],
    ['v22.11.9', true],
    ['22.12.0', false],
    ['22.12.1', false],
    ['23.0.0', false],
    ['24.21.0', false],
    ['v18.0.0', true],
  ])('%s is older: %s', (version, older) => {
    expect(olderThan(version)).toBe(older);
  });

  it('names the version needed and the one running, on one line', () => {
    const message = floorMessage('20.20.2');
    expect(message).toBe(
      'login-api-kit needs Node.js 22.12.0 or later; this is Node.js v20.20.2. Upgrade Node (e.g. nvm install 22) and run it again.',
    );
    expect(message).not.toContain('\n');
  });

  it('lets the running Node (the floor or later) load it', () => {
    expect(olderThan(process.versions.node)).toBe(false);
  });
});
