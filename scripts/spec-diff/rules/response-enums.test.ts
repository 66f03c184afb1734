import { describeRuleCases, ITEM, prop, type RuleCase, set } from '../test-support.ts';
import * as rules from './response-enums.ts';

const cases: RuleCase[] = [
  {
    rule: 'response-property-enum-value-added',
    after: (d) => set(prop(d, 'Item', 'status'), 'enum', ['active', 'archived', 'deleted']),
    pointer: `${ITEM}/properties/status`,
  },
  {
    rule: 'response-property-enum-value-removed',
    after: (d) => set(prop(d, 'Item', 'status'), 'enum', ['active']),
    pointer: `${ITEM}/properties/status`,
  },
  {
    rule: 'response-property-became-not-enum',
    after: (d) => delete prop(d, 'Item', 'status').enum,
    pointer: `${ITEM}/properties/status`,
  },
  {
    rule: 'response-property-became-enum',
    after: (d) => set(prop(d, 'Item', 'note'), 'const', 'fixed'),
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'response-property-const-changed',
    before: (d) => set(prop(d, 'Item', 'note'), 'const', 'v1'),
    after: (d) => set(prop(d, 'Item', 'note'), 'const', 'v2'),
    pointer: `${ITEM}/properties/note`,
  },
];

describeRuleCases('spec:diff rules: response-enums', rules, cases);
