/**
 * Rules on named component schemas, which generated types expose as components['schemas'][name].
 * https://spec.openapis.org/oas/v3.1.0#components-object
 */
import { childPointer } from '../../../common/json-pointer.ts';
import { defineRule } from '../define-rule.ts';
import { isObject } from '../schema-facts.ts';
import type { Json } from '../types.ts';

function schemaNames(document: Json | undefined): string[] {
  const components = document?.components;
  const schemas = isObject(components) ? components.schemas : undefined;
  return isObject(schemas) ? Object.keys(schemas) : [];
}

export const componentSchemaRemoved = defineRule({
  id: 'component-schema-removed',
  level: 'WARN',
  kinds: ['document'],
  summary: "A named component schema was removed: generated types lose components['schemas'][name].",
  check: ({ before, after }) => {
    const kept = new Set(schemaNames(after));
    return schemaNames(before)
      .filter((name) => !kept.has(name))
      .map((name) => ({
        pointer: childPointer('/components/schemas', name),
        reason: `component schema ${name} was removed; code using the generated type components['schemas']['${name}'] no longer compiles`,
      }));
  },
});

export const componentSchemaAdded = defineRule({
  id: 'component-schema-added',
  level: 'INFO',
  kinds: ['document'],
  summary: 'A named component schema was added.',
  check: ({ before, after }) => {
    const had = new Set(schemaNames(before));
    return schemaNames(after)
      .filter((name) => !had.has(name))
      .map((name) => ({
        pointer: childPointer('/components/schemas', name),
        reason: `component schema ${name} was added`,
      }));
  },
});
