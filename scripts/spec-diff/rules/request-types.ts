/**
 * Rules on the types a request value accepts: changed, no longer nullable, wider.
 * Clients *read* responses, so a response may only get narrower (fewer types, fewer values, more
 * guarantees); clients *send* requests, so a request may only get wider. "property" in a rule id
 * covers the body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import { both, onlyNull, requestTypesLost, responseTypesGained, typeChange } from '../schema-pair.ts';

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
