/**
 * Facts about one schema seen before and after, shared by the schema rules: which types it gained or
 * lost, and its enum values on each side.
 */
import { describeTypes, enumValues, show, typeSet, typesLost } from './schema-facts.ts';
import type { Direction, Json, SchemaNode } from './types.ts';

/** A schema present on both sides. */
export type Both = SchemaNode & { before: Json; after: Json };

export function both(node: SchemaNode, direction: Direction): node is Both {
  return node.direction === direction && node.before !== undefined && node.after !== undefined;
}

export const showValues = (list: unknown[]) => list.map(show).join(', ');

/** Types the response may now carry that it could not before (what readers do not expect). */
export function responseTypesGained(node: Both): string[] {
  return typesLost(typeSet(node.after), typeSet(node.before));
}

/** Types requests could carry before that are no longer accepted. */
export function requestTypesLost(node: Both): string[] {
  return typesLost(typeSet(node.before), typeSet(node.after));
}

export function typeChange(node: Both): string {
  return `type changed from ${describeTypes(typeSet(node.before))} to ${describeTypes(typeSet(node.after))}`;
}

export const onlyNull = (types: string[]) => types.length === 1 && types[0] === 'null';

export function enums(node: Both) {
  return { before: enumValues(node.before), after: enumValues(node.after) };
}
