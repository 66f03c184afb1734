import { describeRuleCases, type RuleCase, set } from '../test-support.ts';
import type { Json } from '../types.ts';
import * as rules from './servers.ts';

const cases: RuleCase[] = [
  {
    rule: 'server-url-changed',
    after: (d) => set(d, 'servers', [{ url: 'https://api2.example.com' }]),
    pointer: '/servers/0',
  },
  { rule: 'server-removed', after: (d) => set(d, 'servers', []), pointer: '/servers/0' },
  {
    rule: 'server-added',
    after: (d) => void (d.servers as Json[]).push({ url: 'http://127.0.0.1:4010' }),
    pointer: '/servers/1',
  },
];

describeRuleCases('spec:diff rules: servers', rules, cases);
