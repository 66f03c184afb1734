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
  {
    rule: 'api-security-removed',
    name: 'a scope added to the requirement',
    before: (d) => set(put(d), 'security', [{ bearer: ['items:write'] }]),
    after: (d) => set(put(d), 'security', [{ bearer: ['items:write', 'items:admin'] }]),
    pointer: `${PUT}/security`,
  },
  {
    rule: 'api-security-added',
    name: 'a scope removed from the requirement: every token that passed still passes',
    before: (d) => set(put(d), 'security', [{ bearer: ['items:write', 'items:read'] }]),
    after: (d) => set(put(d), 'security', [{ bearer: ['items:write'] }]),
    pointer: `${PUT}/security`,
  },
  {
    rule: 'api-security-added',
    name: 'a requirement of two schemes reduced to one of them',
    before: (d) => set(put(d), 'security', [{ bearer: [], apiKey: [] }]),
    after: (d) => set(put(d), 'security', [{ apiKey: [] }]),
    pointer: `${PUT}/security`,
  },
];

describeRuleCases('spec:diff rules: security', rules, cases);
