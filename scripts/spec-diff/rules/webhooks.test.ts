import { describeRuleCases, type RuleCase } from '../test-support.ts';
import type { Json } from '../types.ts';
import * as rules from './webhooks.ts';

const hook = (description: string) => ({
  post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, description },
});
const withHooks = (hooks: Json) => (d: Json) => {
  d.webhooks = hooks;
};

const cases: RuleCase[] = [
  {
    rule: 'webhook-removed',
    before: withHooks({ itemCreated: hook('sent'), itemDeleted: hook('sent') }),
    after: withHooks({ itemCreated: hook('sent') }),
    pointer: '/webhooks/itemDeleted',
  },
  {
    rule: 'webhook-added',
    after: withHooks({ itemCreated: hook('sent') }),
    pointer: '/webhooks/itemCreated',
  },
  {
    rule: 'webhook-changed',
    before: withHooks({ itemCreated: hook('sent') }),
    after: withHooks({ itemCreated: { post: { responses: { '204': { description: 'ok' } } } } }),
    pointer: '/webhooks/itemCreated',
  },
];

describeRuleCases('spec:diff rules: webhooks', rules, cases);
