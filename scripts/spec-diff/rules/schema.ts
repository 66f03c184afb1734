/**
 * Rules on schemas, judged by direction. Clients *read* responses, so a response may only get
 * narrower (fewer types, fewer values, more guarantees); clients *send* requests, so a request may
 * only get wider (more accepted types and values, fewer demands). "property" in a rule id covers the
 * body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import {
  ANALYSED_KEYWORDS,
  type ConstraintMove,
  constraintMoves,
  describeTypes,
  enumValues,
  isAnnotation,
  same,
  show,
  typeSet,
  typesLost,
  valuesMissing,
} from '../schema-facts.ts';
import type { Direction, Json, SchemaNode } from '../types.ts';

type Both = SchemaNode & { before: Json; after: Json };

function both(node: SchemaNode, direction: Direction): node is Both {
  return node.direction === direction && node.before !== undefined && node.after !== undefined;
}

const values = (list: unknown[]) => list.map(show).join(', ');

// ---- properties appearing, disappearing, renamed ----

export const responsePropertyRemoved = defineRule({
  id: 'response-property-removed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A response property was removed: clients reading it break.',
  check: ({ direction, property, before, after, where, subject }) =>
    direction === 'response' &&
    property &&
    !property.renamedTo &&
    before !== undefined &&
    after === undefined &&
    `${where}: ${subject} (${property.requiredBefore ? 'required' : 'optional'}) was removed; clients reading it break`,
});

export const responsePropertyRenamed = defineRule({
  id: 'response-property-renamed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A response property was renamed (same schema, new name): clients reading the old name break.',
  check: ({ direction, property, before, where, subject }) =>
    direction === 'response' &&
    property?.renamedTo !== undefined &&
    before !== undefined &&
    `${where}: ${subject} was renamed to \`${property.renamedTo}\`; clients reading the old name break`,
});

export const responsePropertyAdded = defineRule({
  id: 'response-property-added',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A response property was added.',
  check: ({ direction, property, before, after, where, subject }) =>
    direction === 'response' &&
    property &&
    !property.renamedFrom &&
    before === undefined &&
    after !== undefined &&
    `${where}: ${subject} was added`,
});

export const requestPropertyRemoved = defineRule({
  id: 'request-property-removed',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A request property was removed: what clients send in it is ignored or refused.',
  check: ({ direction, property, before, after, where, subject }) =>
    direction === 'request' &&
    property &&
    !property.renamedTo &&
    before !== undefined &&
    after === undefined &&
    `${where}: ${subject} was removed; clients still sending it are ignored or refused`,
});

export const requestPropertyRenamed = defineRule({
  id: 'request-property-renamed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request property was renamed (same schema, new name): clients send the old name.',
  check: ({ direction, property, before, where, subject }) =>
    direction === 'request' &&
    property?.renamedTo !== undefined &&
    before !== undefined &&
    `${where}: ${subject} was renamed to \`${property.renamedTo}\`; clients still send the old name`,
});

export const newRequiredRequestProperty = defineRule({
  id: 'new-required-request-property',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A required request property was added: existing clients do not send it.',
  check: ({ direction, property, before, after, where, subject }) =>
    direction === 'request' &&
    property?.requiredAfter === true &&
    !property.renamedFrom &&
    before === undefined &&
    after !== undefined &&
    `${where}: required ${subject} was added; existing clients do not send it`,
});

export const newOptionalRequestProperty = defineRule({
  id: 'new-optional-request-property',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'An optional request property was added.',
  check: ({ direction, property, before, after, where, subject }) =>
    direction === 'request' &&
    property?.requiredAfter === false &&
    !property.renamedFrom &&
    before === undefined &&
    after !== undefined &&
    `${where}: optional ${subject} was added`,
});

// ---- required ----

function requiredMove(node: SchemaNode, direction: Direction, from: boolean, to: boolean): boolean {
  return (
    both(node, direction) &&
    node.property !== undefined &&
    node.property.requiredBefore === from &&
    node.property.requiredAfter === to
  );
}

export const responsePropertyBecameOptional = defineRule({
  id: 'response-property-became-optional',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A required response property became optional: clients relying on it meet its absence.',
  check: (node) =>
    requiredMove(node, 'response', true, false) &&
    `${node.where}: ${node.subject} became optional; clients relying on it being present break`,
});

export const responsePropertyBecameRequired = defineRule({
  id: 'response-property-became-required',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'An optional response property became required.',
  check: (node) =>
    requiredMove(node, 'response', false, true) && `${node.where}: ${node.subject} became required (always present)`,
});

export const requestPropertyBecameRequired = defineRule({
  id: 'request-property-became-required',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'An optional request property became required: clients that omit it are refused.',
  check: (node) =>
    requiredMove(node, 'request', false, true) &&
    `${node.where}: ${node.subject} became required; clients that omit it are refused`,
});

export const requestPropertyBecameOptional = defineRule({
  id: 'request-property-became-optional',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A required request property became optional.',
  check: (node) => requiredMove(node, 'request', true, false) && `${node.where}: ${node.subject} became optional`,
});

// ---- types ----

/** Types the response may now carry that it could not before (what readers do not expect). */
function responseTypesGained(node: Both): string[] {
  return typesLost(typeSet(node.after), typeSet(node.before));
}

/** Types requests could carry before that are no longer accepted. */
function requestTypesLost(node: Both): string[] {
  return typesLost(typeSet(node.before), typeSet(node.after));
}

function typeChange(node: Both): string {
  return `type changed from ${describeTypes(typeSet(node.before))} to ${describeTypes(typeSet(node.after))}`;
}

const onlyNull = (types: string[]) => types.length === 1 && types[0] === 'null';

export const responsePropertyTypeChanged = defineRule({
  id: 'response-property-type-changed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A response value may now have a type clients do not expect.',
  check: (node) => {
    if (!both(node, 'response')) return;
    const gained = responseTypesGained(node);
    if (gained.length === 0 || onlyNull(gained)) return;
    return `${node.where}: ${node.subject} ${typeChange(node)}; clients parsing it as before break`;
  },
});

export const responsePropertyBecameNullable = defineRule({
  id: 'response-property-became-nullable',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A response value may now be null.',
  check: (node) =>
    both(node, 'response') &&
    onlyNull(responseTypesGained(node)) &&
    `${node.where}: ${node.subject} may now be null; clients not expecting null break`,
});

export const responsePropertyTypeSpecialized = defineRule({
  id: 'response-property-type-specialized',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A response value admits fewer types than before (compatible for readers).',
  check: (node) =>
    both(node, 'response') &&
    responseTypesGained(node).length === 0 &&
    requestTypesLost(node).length > 0 &&
    `${node.where}: ${node.subject} ${typeChange(node)} (narrower, compatible)`,
});

export const requestPropertyTypeChanged = defineRule({
  id: 'request-property-type-changed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request value no longer accepts a type clients may send.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const lost = requestTypesLost(node);
    if (lost.length === 0 || onlyNull(lost)) return;
    return `${node.where}: ${node.subject} ${typeChange(node)}; clients sending ${lost.join(' or ')} are refused`;
  },
});

export const requestPropertyBecameNotNullable = defineRule({
  id: 'request-property-became-not-nullable',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request value no longer accepts null.',
  check: (node) =>
    both(node, 'request') &&
    onlyNull(requestTypesLost(node)) &&
    `${node.where}: ${node.subject} no longer accepts null; clients sending null are refused`,
});

export const requestPropertyTypeGeneralized = defineRule({
  id: 'request-property-type-generalized',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A request value accepts more types than before (compatible for senders).',
  check: (node) =>
    both(node, 'request') &&
    requestTypesLost(node).length === 0 &&
    responseTypesGained(node).length > 0 &&
    `${node.where}: ${node.subject} ${typeChange(node)} (wider, compatible)`,
});

// ---- enums ----

function enums(node: Both) {
  return { before: enumValues(node.before), after: enumValues(node.after) };
}

export const responsePropertyEnumValueAdded = defineRule({
  id: 'response-property-enum-value-added',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A response enum gained values: clients switching over the old set meet new ones.',
  check: (node) => {
    if (!both(node, 'response')) return;
    const { before, after } = enums(node);
    if (!before || !after) return;
    const added = valuesMissing(after, before);
    return (
      added.length > 0 &&
      `${node.where}: ${node.subject} may now be ${values(added)}; clients handling only the old values may break`
    );
  },
});

export const responsePropertyEnumValueRemoved = defineRule({
  id: 'response-property-enum-value-removed',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A response enum lost values (compatible for readers).',
  check: (node) => {
    if (!both(node, 'response')) return;
    const { before, after } = enums(node);
    if (!before || !after) return;
    const removed = valuesMissing(before, after);
    return removed.length > 0 && `${node.where}: ${node.subject} is no longer ${values(removed)}`;
  },
});

export const responsePropertyBecameNotEnum = defineRule({
  id: 'response-property-became-not-enum',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A response value is no longer limited to an enum.',
  check: (node) => {
    if (!both(node, 'response')) return;
    const { before, after } = enums(node);
    return (
      before !== undefined &&
      after === undefined &&
      `${node.where}: ${node.subject} is no longer limited to ${values(before)}; clients handling only those may break`
    );
  },
});

export const responsePropertyBecameEnum = defineRule({
  id: 'response-property-became-enum',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A response value became limited to an enum (compatible for readers).',
  check: (node) => {
    if (!both(node, 'response')) return;
    const { before, after } = enums(node);
    return (
      before === undefined && after !== undefined && `${node.where}: ${node.subject} is now limited to ${values(after)}`
    );
  },
});

export const requestPropertyEnumValueRemoved = defineRule({
  id: 'request-property-enum-value-removed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request enum lost values: clients sending them are refused.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const { before, after } = enums(node);
    if (!before || !after) return;
    const removed = valuesMissing(before, after);
    return (
      removed.length > 0 &&
      `${node.where}: ${node.subject} no longer accepts ${values(removed)}; clients sending them are refused`
    );
  },
});

export const requestPropertyEnumValueAdded = defineRule({
  id: 'request-property-enum-value-added',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A request enum accepts more values.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const { before, after } = enums(node);
    if (!before || !after) return;
    const added = valuesMissing(after, before);
    return added.length > 0 && `${node.where}: ${node.subject} now also accepts ${values(added)}`;
  },
});

export const requestPropertyBecameEnum = defineRule({
  id: 'request-property-became-enum',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request value became limited to an enum: other values clients send are refused.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const { before, after } = enums(node);
    return (
      before === undefined &&
      after !== undefined &&
      `${node.where}: ${node.subject} is now limited to ${values(after)}; clients sending other values are refused`
    );
  },
});

export const requestPropertyBecameNotEnum = defineRule({
  id: 'request-property-became-not-enum',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A request value is no longer limited to an enum.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const { before, after } = enums(node);
    return (
      before !== undefined &&
      after === undefined &&
      `${node.where}: ${node.subject} is no longer limited to ${values(before)}`
    );
  },
});

// ---- other validation keywords ----

function describeMove(move: ConstraintMove): string {
  const from = move.before === undefined ? 'unset' : show(move.before);
  const to = move.after === undefined ? 'unset' : show(move.after);
  return `${move.keyword} ${from} → ${to}`;
}

function movesWhere(node: Both, effects: string[]): string | undefined {
  const moves = constraintMoves(node.before, node.after).filter((m) => effects.includes(m.effect));
  return moves.length ? moves.map(describeMove).join(', ') : undefined;
}

export const requestPropertyConstraintTightened = defineRule({
  id: 'request-property-constraint-tightened',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request constraint got stricter (bounds, pattern, format, additionalProperties...).',
  check: (node) => {
    if (!both(node, 'request')) return;
    const moves = movesWhere(node, ['tighter', 'incomparable']);
    return moves && `${node.where}: ${node.subject} accepts less (${moves}); some requests that passed are refused`;
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
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A response constraint got looser: clients may receive values they did not expect.',
  check: (node) => {
    if (!both(node, 'response')) return;
    const moves = movesWhere(node, ['looser', 'incomparable']);
    return moves && `${node.where}: ${node.subject} may now carry values it could not before (${moves})`;
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

export const requestPropertyDefaultChanged = defineRule({
  id: 'request-property-default-changed',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A request default changed: clients that omit the value get different behaviour.',
  check: (node) =>
    both(node, 'request') &&
    !same(node.before.default, node.after.default) &&
    `${node.where}: ${node.subject} default changed from ${node.before.default === undefined ? 'none' : show(node.before.default)} to ${node.after.default === undefined ? 'none' : show(node.after.default)}; clients omitting it get different behaviour`,
});

const COMPOSITION = ['allOf', 'anyOf', 'oneOf'];

export const schemaKeywordChanged = defineRule({
  id: 'schema-keyword-changed',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A schema keyword spec:diff does not analyse changed (not, if/then/else, ...): review it by hand.',
  check: (node) => {
    if (node.before === undefined || node.after === undefined) return;
    const { before, after } = node;
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const changed = [...keys].filter((key) => {
      if (isAnnotation(key) || same(before[key], after[key])) return false;
      if (!ANALYSED_KEYWORDS.has(key)) return true;
      // Compositions are compared member by member only when both list the same number of members.
      if (!COMPOSITION.includes(key)) return false;
      const [b, a] = [before[key], after[key]];
      return !Array.isArray(b) || !Array.isArray(a) || b.length !== a.length;
    });
    return (
      changed.length > 0 &&
      `${node.where}: ${node.subject} changed ${changed.join(', ')}, which spec:diff does not analyse; review by hand`
    );
  },
});
