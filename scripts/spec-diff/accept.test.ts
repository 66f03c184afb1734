import { describe, expect, it } from 'vitest';
import { applyAcceptances, parseAcceptances } from './accept.ts';
import { SpecDiffError } from './diff-specs.ts';
import type { Change } from './types.ts';

const change: Change = {
  id: 'response-property-removed',
  level: 'ERR',
  pointer: '/paths/~1login/post/responses/200/content/application~1json/schema/properties/redirect',
  reason: 'gone',
};

describe('acknowledgement file', () => {
  it('reads id, pointer and reason', () => {
    const text = `accepted:\n  - id: ${change.id}\n    pointer: ${change.pointer}\n    reason: clients moved on\n`;
    expect(parseAcceptances(text, 'a.yaml')).toEqual([
      { id: change.id, pointer: change.pointer, reason: 'clients moved on' },
    ]);
  });

  it('treats an empty file as no acknowledgements', () => {
    expect(parseAcceptances('', 'a.yaml')).toEqual([]);
  });

  it.each([
    ['not a list', 'accepted: yes', 'must hold "accepted:"'],
    ['an unknown rule id', 'accepted:\n  - id: no-such-rule\n    pointer: /paths', 'is not a spec:diff rule id'],
    [
      'a pointer that is not one',
      'accepted:\n  - id: api-removed\n    pointer: paths/x',
      'pointer must be a JSON pointer',
    ],
    ['broken YAML', 'accepted: [', 'is not valid YAML'],
  ])('refuses %s with a clear message', (_, text, message) => {
    expect(() => parseAcceptances(text, 'a.yaml')).toThrow(SpecDiffError);
    expect(() => parseAcceptances(text, 'a.yaml')).toThrow(message);
  });

  it('marks matching changes accepted and returns entries that matched nothing', () => {
    const stale = { id: 'api-removed', pointer: '/paths/~1old/get' };
    const result = applyAcceptances(
      [change, { ...change, pointer: '/other' }],
      [{ id: change.id, pointer: change.pointer, reason: 'planned' }, stale],
    );
    expect(result.changes.map((c) => c.accepted)).toEqual(['planned', undefined]);
    expect(result.unused).toEqual([stale]);
  });
});
