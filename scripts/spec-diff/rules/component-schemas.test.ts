import { at, describeRuleCases, type RuleCase, set } from '../test-support.ts';
import * as rules from './component-schemas.ts';

const cases: RuleCase[] = [
  {
    rule: 'component-schema-removed',
    before: (d) => set(at(d, 'components', 'schemas'), 'Legacy', { type: 'string' }),
    pointer: '/components/schemas/Legacy',
  },
  {
    rule: 'component-schema-added',
    after: (d) => set(at(d, 'components', 'schemas'), 'Tag', { type: 'string' }),
    pointer: '/components/schemas/Tag',
  },
];

describeRuleCases('spec:diff rules: component-schemas', rules, cases);
