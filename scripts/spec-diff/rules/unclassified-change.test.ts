import { at, describeRuleCases, first, GET, params, type RuleCase, set } from '../test-support.ts';
import * as rules from './unclassified-change.ts';

const cases: RuleCase[] = [
  {
    rule: 'unclassified-change',
    after: (d) => set(first(params(d)), 'style', 'form'),
    pointer: `${GET}/parameters/0/style`,
  },
  {
    rule: 'unclassified-change',
    name: 'security scheme',
    after: (d) => set(at(d, 'components', 'securitySchemes', 'bearer'), 'bearerFormat', 'JWT'),
    pointer: '/components/securitySchemes',
  },
];

describeRuleCases('spec:diff rules: unclassified-change', rules, cases);
