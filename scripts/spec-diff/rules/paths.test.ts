import { at, describeRuleCases, GET, get, item, P, PUT, type RuleCase, set } from '../test-support.ts';
import * as rules from './paths.ts';

const cases: RuleCase[] = [
  { rule: 'api-path-removed', after: (d) => delete at(d, 'paths')['/health'], pointer: '/paths/~1health' },
  {
    rule: 'api-empty-path-removed',
    before: (d) => {
      at(d, 'paths')['/reserved'] = { summary: 'Reserved for later' };
    },
    pointer: '/paths/~1reserved',
  },
  {
    rule: 'api-path-added',
    after: (d) => {
      at(d, 'paths')['/stats'] = { get: { responses: { '200': { description: 'Stats' } } } };
    },
    pointer: '/paths/~1stats',
  },
  { rule: 'api-removed', after: (d) => delete item(d).put, pointer: PUT },
  {
    rule: 'endpoint-added',
    after: (d) => {
      item(d).delete = { responses: { '204': { description: 'Gone' } } };
    },
    pointer: `${P}/delete`,
  },
  { rule: 'api-operation-id-changed', after: (d) => set(get(d), 'operationId', 'fetchItem'), pointer: GET },
  { rule: 'api-operation-id-changed', name: 'removed', after: (d) => delete get(d).operationId, pointer: GET },
  { rule: 'endpoint-deprecated', after: (d) => set(get(d), 'deprecated', true), pointer: GET },
];

describeRuleCases('spec:diff rules: paths', rules, cases);
