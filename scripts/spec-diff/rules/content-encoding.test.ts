import { describeRuleCases, INPUT, ITEM, prop, type RuleCase, set } from '../test-support.ts';
import * as rules from './content-encoding.ts';

const cases: RuleCase[] = [
  {
    rule: 'content-encoding-changed',
    name: 'a request string from base64 to base32',
    before: (d) => set(prop(d, 'ItemInput', 'name'), 'contentEncoding', 'base64'),
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'contentEncoding', 'base32'),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'content-encoding-changed',
    name: 'a response string carrying XML instead of JSON',
    before: (d) => set(prop(d, 'Item', 'note'), 'contentMediaType', 'application/json'),
    after: (d) => set(prop(d, 'Item', 'note'), 'contentMediaType', 'application/xml'),
    pointer: `${ITEM}/properties/note`,
  },
];

describeRuleCases('spec:diff rules: content encoding', rules, cases);
