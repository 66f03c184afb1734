import { at, describeRuleCases, GET, get, ITEM, prop, type RuleCase, set } from '../test-support.ts';
import * as rules from './annotation-changed.ts';

const cases: RuleCase[] = [
  { rule: 'annotation-changed', after: (d) => set(get(d), 'summary', 'Fetch an item'), pointer: GET },
  {
    rule: 'annotation-changed',
    name: 'schema description',
    after: (d) => set(prop(d, 'Item', 'id'), 'description', 'The id'),
    pointer: `${ITEM}/properties/id`,
  },
  {
    rule: 'annotation-changed',
    name: 'info version',
    after: (d) => set(at(d, 'info'), 'version', '1.1.0'),
    pointer: '/info',
  },
];

describeRuleCases('spec:diff rules: annotation-changed', rules, cases);
