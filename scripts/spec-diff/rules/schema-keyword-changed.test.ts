import { describeRuleCases, ITEM, prop, type RuleCase, set } from '../test-support.ts';
import * as rules from './schema-keyword-changed.ts';

const cases: RuleCase[] = [
  {
    rule: 'schema-keyword-changed',
    after: (d) => set(prop(d, 'Item', 'note'), '$dynamicRef', '#meta'),
    pointer: `${ITEM}/properties/note`,
  },
];

describeRuleCases('spec:diff rules: schema-keyword-changed', rules, cases);
