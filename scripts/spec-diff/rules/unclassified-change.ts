/**
 * Catch-all for changes to fields no other rule analyses (WARN: review by hand), so that every change
 * is reported.
 */
import { childPointer } from '../../../common/json-pointer.ts';
import { defineRule } from '../define-rule.ts';
import { changedKeys, isAnnotation, isObject } from '../schema-facts.ts';
import type { Node } from '../types.ts';
import { HTTP_METHODS } from './paths.ts';

/** Fields each kind's rules (or the walker, by descending into them) do analyse. */
const ANALYSED_FIELDS: Partial<Record<Node['kind'], string[]>> = {
  document: ['info', 'servers', 'paths', 'webhooks', 'components', 'tags', 'externalDocs', 'security'],
  path: ['summary', 'description', 'servers', 'parameters', '$ref', ...HTTP_METHODS],
  operation: [
    'summary',
    'description',
    'tags',
    'externalDocs',
    'operationId',
    'deprecated',
    'parameters',
    'requestBody',
    'responses',
    'security',
    'servers',
  ],
  parameter: ['name', 'in', 'required', 'schema'],
  'request-body': ['description', 'content', 'required'],
  'media-type': ['schema', 'example', 'examples'],
  response: ['description', 'headers', 'content'],
  header: ['required', 'schema'],
};

const REFERENCED_COMPONENTS = ['schemas', 'parameters', 'requestBodies', 'responses', 'headers', 'examples'];

export const unclassifiedChange = defineRule({
  id: 'unclassified-change',
  level: 'WARN',
  kinds: ['document', 'path', 'operation', 'parameter', 'request-body', 'media-type', 'response', 'header'],
  summary: 'A field no rule analyses changed (style, encoding, links, callbacks, security schemes...): review it.',
  check: (node) => {
    const { before, after } = node;
    if (!before || !after) return;
    const analysed = ANALYSED_FIELDS[node.kind] ?? [];
    const keys = changedKeys(before, after, (key) => !analysed.includes(key) && !isAnnotation(key)).map((key) => [key]);
    if (node.kind === 'document') {
      // Components reached by $ref are compared where they are used; the others (security schemes,
      // links, callbacks...) are not.
      const [b, a] = [before.components, after.components];
      if (isObject(b) && isObject(a)) {
        const used = (key: string) => REFERENCED_COMPONENTS.includes(key) || isAnnotation(key);
        keys.push(...changedKeys(b, a, (key) => !used(key)).map((key) => ['components', key]));
      }
    }
    return keys.map((path) => ({
      pointer: childPointer(node.pointer, ...path),
      reason: `${node.where}: ${path.join('.')} changed, which spec:diff does not analyse; review by hand`,
    }));
  },
});
