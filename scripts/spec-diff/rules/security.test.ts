import { at, describeRuleCases, PUT, put, type RuleCase, set } from '../test-support.ts';
import * as rules from './security.ts';

const cases: RuleCase[] = [
  {
    rule: 'api-security-removed',
    after: (d) => set(put(d), 'security', [{ apiKey: [] }]),
    pointer: `${PUT}/security`,
  },
  {
    rule: 'api-security-removed',
    name: 'anonymous access removed',
    after: (d) => set(at(d, 'paths', '/health', 'get'), 'security', [{ bearer: [] }]),
    pointer: '/paths/~1health/get/security',
  },
  {
    rule: 'api-security-added',
    after: (d) => set(put(d), 'security', [{ bearer: [] }, { apiKey: [] }]),
    pointer: `${PUT}/security`,
  },
];

describeRuleCases('spec:diff rules: security', rules, cases);
