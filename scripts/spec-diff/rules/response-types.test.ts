import { at, describeRuleCases, ITEM, OK, ok, prop, type RuleCase, set } from '../test-support.ts';
import * as rules from './response-types.ts';

const cases: RuleCase[] = [
  {
    rule: 'response-property-type-changed',
    name: 'header schema',
    after: (d) => set(at(ok(d), 'headers', 'X-Rate-Limit', 'schema'), 'type', 'string'),
    pointer: `${OK}/headers/X-Rate-Limit/schema`,
  },
  {
    rule: 'response-property-type-changed',
    after: (d) => set(prop(d, 'Item', 'count'), 'type', 'string'),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'response-property-type-changed',
    name: 'integer widened to number',
    after: (d) => set(prop(d, 'Item', 'count'), 'type', 'number'),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'response-property-became-nullable',
    after: (d) => set(prop(d, 'Item', 'count'), 'type', ['integer', 'null']),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'response-property-became-nullable',
    name: 'OpenAPI 3.0 nullable',
    after: (d) => set(prop(d, 'Item', 'note'), 'nullable', true),
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'response-property-type-specialized',
    before: (d) => set(prop(d, 'Item', 'count'), 'type', 'number'),
    pointer: `${ITEM}/properties/count`,
  },
];

describeRuleCases('spec:diff rules: response-types', rules, cases);
