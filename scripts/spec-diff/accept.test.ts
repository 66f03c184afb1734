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
const entry = (extra = '') =>
  `accepted:\n  - id: ${change.id}\n    pointer: ${change.pointer}\n    reason: clients moved on\n    by: alice\n${extra}`;

describe('acceptance file', () => {
  it('reads id, pointer, reason and by, and the optional ticket and until', () => {
    expect(parseAcceptances(entry(), 'a.yaml')).toEqual([
      { id: change.id, pointer: change.pointer, reason: 'clients moved on', by: 'alice' },
    ]);
    expect(parseAcceptances(entry('    ticket: API-42\n    until: 2027-03-31\n'), 'a.yaml')).toEqual([
      expect.objectContaining({ ticket: 'API-42', until: '2027-03-31' }),
    ]);
  });

  it('treats an empty file as no acceptances', () => {
    expect(parseAcceptances('', 'a.yaml')).toEqual([]);
  });

  it.each([
    ['not a list', 'accepted: yes', 'must hold "accepted:"'],
    ['an unknown rule id', entry().replace(change.id, 'no-such-rule'), 'is not a spec:diff rule id'],
    ['a pointer that is not one', entry().replace(change.pointer, 'paths/x'), 'pointer must be a JSON pointer'],
    ['no reason', entry().replace('    reason: clients moved on\n', ''), '"reason" is required'],
    ['an empty reason', entry().replace('clients moved on', '""'), '"reason" must be text'],
    ['no by', entry().replace('    by: alice\n', ''), '"by" is required (who accepted the change)'],
    ['a bad until', entry('    until: next spring\n'), 'until must be a date'],
    ['an unknown field', entry('    reviewer: bob\n'), 'unknown field(s) reviewer'],
    ['broken YAML', 'accepted: [', 'is not valid YAML'],
  ])('refuses %s with a clear message naming the entry', (_, text, message) => {
    expect(() => parseAcceptances(text, 'a.yaml')).toThrow(SpecDiffError);
    expect(() => parseAcceptances(text, 'a.yaml')).toThrow(message);
  });

  const accepted = { id: change.id, pointer: change.pointer, reason: 'planned', by: 'alice', ticket: 'API-42' };

  it('marks matching changes accepted, saying why and by whom, and returns stale entries', () => {
    const stale = { id: 'api-removed', pointer: '/paths/~1old/get', reason: 'r', by: 'b' };
    const result = applyAcceptances([change, { ...change, pointer: '/other' }], [accepted, stale], '2026-01-01');
    expect(result.changes.map((c) => c.accepted)).toEqual(['planned (alice, API-42)', undefined]);
    expect(result.stale).toEqual([stale]);
  });

  it('stops accepting after the until date, the day itself included', () => {
    const until = { ...accepted, until: '2026-06-30' };
    expect(applyAcceptances([change], [until], '2026-06-30').changes[0]?.accepted).toBeDefined();
    expect(applyAcceptances([change], [until], '2026-07-01').changes[0]).toMatchObject({ expired: '2026-06-30' });
    expect(applyAcceptances([change], [until], '2026-07-01').changes[0]?.accepted).toBeUndefined();
  });

  it("does not call the base's own entries stale: they shipped with an earlier change", () => {
    const result = applyAcceptances([], [accepted], '2026-01-01', [{ ...accepted, reason: 'older wording' }]);
    expect(result).toEqual({ changes: [], stale: [], shipped: [accepted] });
  });
});
