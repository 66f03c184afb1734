/**
 * Facts about one schema seen before and after, shared by the schema rules: which types it gained or
 * lost, and its enum values on each side.
 */
import { admits, describeTypes, enumValues, show, typeSet, typesLost } from './schema-facts.ts';
import type { Direction, Json, SchemaNode } from './types.ts';

/** A schema present on both sides. */
export type Both = SchemaNode & { before: Json; after: Json };

export function both(node: SchemaNode, direction: Direction): node is Both {
  return node.direction === direction && node.before !== undefined && node.after !== undefined;
}

export const showValues = (list: unknown[]) => list.map(show).join(', ');

/**
 * Whether a schema takes any value that travels as text: on a text wire every value is a string,
 * so a schema admitting strings (or, in exploded form style, an array, which takes one value too)
 * takes whatever was sent. That is why a query value turning from number to string breaks no one.
 */
export function takesAnyText(node: SchemaNode, schema: Json): boolean {
  if (!node.wire) return false;
  const types = typeSet(schema);
  return admits(types, 'string') || (node.wire === 'form' && admits(types, 'array'));
}

/** Types the response may now carry that it could not before (what readers do not expect). */
export function responseTypesGained(node: Both): string[] {
  if (takesAnyText(node, node.before)) return [];
  return typesLost(typeSet(node.after), typeSet(node.before));
}

/** Types requests could carry before that are no longer accepted. */
export function requestTypesLost(node: Both): string[] {
  if (takesAnyText(node, node.after)) return [];
  return typesLost(typeSet(node.before), typeSet(node.after));
}

export function typeChange(node: Both): string {
  return `type changed from ${describeTypes(typeSet(node.before))} to ${describeTypes(typeSet(node.after))}`;
}

export const onlyNull = (types: string[]) => types.length === 1 && types[0] === 'null';

export function enums(node: Both) {
  return { before: enumValues(node.before), after: enumValues(node.after) };
}
