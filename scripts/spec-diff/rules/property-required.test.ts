import { describeRuleCases, INPUT, ITEM, type RuleCase, schema, set } from '../test-support.ts';
import * as rules from './property-required.ts';

const cases: RuleCase[] = [
  {
    rule: 'response-property-became-optional',
    after: (d) => set(schema(d, 'Item'), 'required', ['id']),
    pointer: `${ITEM}/properties/status`,
  },
  {
    rule: 'response-property-became-required',
    after: (d) => set(schema(d, 'Item'), 'required', ['id', 'status', 'note']),
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'request-property-became-required',
    after: (d) => set(schema(d, 'ItemInput'), 'required', ['name', 'kind']),
    pointer: `${INPUT}/properties/kind`,
  },
  {
    rule: 'request-property-became-optional',
    after: (d) => set(schema(d, 'ItemInput'), 'required', []),
    pointer: `${INPUT}/properties/name`,
  },
];

describeRuleCases('spec:diff rules: property-required', rules, cases);
