/**
 * `x-stability-level` on operations (draft < alpha < beta < stable), as oasdiff reads it: clients
 * build on an operation's declared stability, so it may only rise, and an unreadable level is a
 * promise nobody can check.
 */
import { defineRule } from '../define-rule.ts';
import { STABILITY_LEVELS } from '../sunset.ts';

const rank = (level: unknown) => STABILITY_LEVELS.indexOf(level as (typeof STABILITY_LEVELS)[number]);
const invalid = (level: unknown) => level !== undefined && rank(level) < 0;

export const stabilityLevelInvalid = defineRule({
  id: 'stability-level-invalid',
  level: 'ERR',
  kinds: ['operation'],
  summary: 'An x-stability-level changed and one side is not draft, alpha, beta or stable.',
  check: ({ before, after, where }) => {
    const [b, a] = [before?.['x-stability-level'], after?.['x-stability-level']];
    if (!before || !after || b === a) return;
    const bad = [b, a].filter(invalid);
    return (
      bad.length > 0 &&
      `${where}: x-stability-level ${bad.map((v) => JSON.stringify(v)).join(' / ')} is not one of ${STABILITY_LEVELS.join(', ')}`
    );
  },
});

export const stabilityLevelDecreased = defineRule({
  id: 'stability-level-decreased',
  level: 'ERR',
  kinds: ['operation'],
  summary: 'An operation became less stable (x-stability-level stable → beta, beta → alpha...).',
  check: ({ before, after, where }) => {
    const [b, a] = [before?.['x-stability-level'], after?.['x-stability-level']];
    if (!before || !after || invalid(b) || invalid(a) || b === undefined) return;
    // No level reads as stable, the level every undeclared operation is taken at.
    const [rb, ra] = [rank(b), a === undefined ? rank('stable') : rank(a)];
    return ra < rb && `${where}: x-stability-level went from ${b} to ${a}; clients built on the old promise`;
  },
});
