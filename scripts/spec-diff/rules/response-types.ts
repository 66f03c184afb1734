/**
 * Rules on the types a response value may carry: changed, nullable, narrower.
 * Clients *read* responses, so a response may only get narrower (fewer types, fewer values, more
 * guarantees); clients *send* requests, so a request may only get wider. "property" in a rule id
 * covers the body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import { both, onlyNull, requestTypesLost, responseTypesGained, typeChange } from '../schema-pair.ts';

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
