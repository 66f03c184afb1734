/**
 * Rules on the other validation keywords (bounds, pattern, format, additionalProperties...) and on
 * request defaults.
 * Clients *read* responses, so a response may only get narrower (fewer types, fewer values, more
 * guarantees); clients *send* requests, so a request may only get wider. "property" in a rule id
 * covers the body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import { BOUND_KEYWORDS, type ConstraintMove, constraintMoves, same, show } from '../schema-facts.ts';
import { type Both, both } from '../schema-pair.ts';

function describeMove(move: ConstraintMove): string {
  const from = move.before === undefined ? 'unset' : show(move.before);
  const to = move.after === undefined ? 'unset' : show(move.after);
  return `${move.keyword} ${from} → ${to}`;
}

/**
 * A bound set where there was none (maxLength, maximum, minItems...): usually the limit the server
 * already enforced, now written down. oasdiff's reading too; a bound moved tighter stays an ERR.
 */
const isNewBound = (move: ConstraintMove) => move.before === undefined && BOUND_KEYWORDS.has(move.keyword);

/** One pattern replaced by another: which strings it moves cannot be told without evaluating both. */
const isPatternSwap = (move: ConstraintMove) => move.keyword === 'pattern' && move.effect === 'incomparable';

function movesWhere(
  node: Both,
  effects: string[],
  pick: (move: ConstraintMove) => boolean = () => true,
): string | undefined {
  const moves = constraintMoves(node.before, node.after).filter((m) => effects.includes(m.effect) && pick(m));
  return moves.length ? moves.map(describeMove).join(', ') : undefined;
}

export const requestPropertyConstraintTightened = defineRule({
  id: 'request-property-constraint-tightened',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request constraint got stricter (bounds, pattern, format, additionalProperties...).',
  check: (node) => {
    if (!both(node, 'request')) return;
    const moves = movesWhere(node, ['tighter', 'incomparable'], (m) => !isNewBound(m) && !isPatternSwap(m));
    return moves && `${node.where}: ${node.subject} accepts less (${moves}); some requests that passed are refused`;
  },
});

export const requestPropertyPatternChanged = defineRule({
  id: 'request-property-pattern-changed',
  level: 'WARN',
  kinds: ['schema'],
  summary:
    'A request pattern was replaced by another: strings only the old one matched are refused (compare the two by hand).',
  check: (node) => {
    if (!both(node, 'request')) return;
    const moves = movesWhere(node, ['incomparable'], isPatternSwap);
    return (
      moves &&
      `${node.where}: ${node.subject} matches another pattern (${moves}); check that every value clients send still matches`
    );
  },
});

export const requestPropertyLimitSet = defineRule({
  id: 'request-property-limit-set',
  level: 'WARN',
  kinds: ['schema'],
  summary:
    'A request bound was set where there was none (maxLength, maximum, minItems...): requests beyond it are refused.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const moves = movesWhere(node, ['tighter'], isNewBound);
    return (
      moves &&
      `${node.where}: ${node.subject} now has a limit (${moves}); requests beyond it are refused, check that the server already enforced it`
    );
  },
});

export const requestPropertyConstraintRelaxed = defineRule({
  id: 'request-property-constraint-relaxed',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A request constraint got looser.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const moves = movesWhere(node, ['looser']);
    return moves && `${node.where}: ${node.subject} accepts more (${moves})`;
  },
});

export const responsePropertyConstraintRelaxed = defineRule({
  id: 'response-property-constraint-relaxed',
  level: 'ERR',
  kinds: ['schema'],
  summary:
    'A response constraint got looser (a bound, dependentRequired, patternProperties...): clients meet values they were promised not to.',
  check: (node) => {
    if (!both(node, 'response')) return;
    const moves = movesWhere(node, ['looser', 'incomparable'], (m) => !FORMAT_KEYWORDS.has(m.keyword));
    return moves && `${node.where}: ${node.subject} may now carry values it could not before (${moves})`;
  },
});

/**
 * pattern, format and multipleOf in a response describe values more than clients rely on them (few
 * readers validate them, and a loosened one is most often a corrected description): WARN, as oasdiff.
 */
const FORMAT_KEYWORDS: ReadonlySet<string> = new Set(['pattern', 'format', 'multipleOf']);

export const responsePropertyFormatRelaxed = defineRule({
  id: 'response-property-format-relaxed',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A response pattern, format or multipleOf got looser or changed: clients validating it may refuse values.',
  check: (node) => {
    if (!both(node, 'response')) return;
    const moves = movesWhere(node, ['looser', 'incomparable'], (m) => FORMAT_KEYWORDS.has(m.keyword));
    return moves && `${node.where}: ${node.subject} is described more loosely (${moves})`;
  },
});

export const responsePropertyConstraintTightened = defineRule({
  id: 'response-property-constraint-tightened',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A response constraint got stricter (compatible for readers).',
  check: (node) => {
    if (!both(node, 'response')) return;
    const moves = movesWhere(node, ['tighter']);
    return moves && `${node.where}: ${node.subject} promises more (${moves})`;
  },
});

function defaultMove(node: Both): string {
  const shown = (value: unknown) => (value === undefined ? 'none' : show(value));
  return `default changed from ${shown(node.before.default)} to ${shown(node.after.default)}`;
}

export const requestPropertyDefaultChanged = defineRule({
  id: 'request-property-default-changed',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A request default changed: clients that omit the value get different behaviour.',
  check: (node) =>
    both(node, 'request') &&
    !same(node.before.default, node.after.default) &&
    `${node.where}: ${node.subject} ${defaultMove(node)}; clients omitting it get different behaviour`,
});

/**
 * A response default says what an absent value means: readers that fill it in now fill in
 * something else. Nothing fails to parse, so a WARN (oasdiff: INFO).
 */
export const responsePropertyDefaultChanged = defineRule({
  id: 'response-property-default-changed',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A response default changed: clients filling in an absent value now assume another.',
  check: (node) =>
    both(node, 'response') &&
    !same(node.before.default, node.after.default) &&
    `${node.where}: ${node.subject} ${defaultMove(node)}; clients filling in an absent value assume another`,
});
