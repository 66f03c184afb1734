import { at, describeRuleCases, OK, ok, type RuleCase, set } from '../test-support.ts';
import * as rules from './response-examples.ts';

const cases: RuleCase[] = [
  {
    rule: 'response-example-removed',
    after: (d) => delete at(ok(d), 'content', 'application/json', 'examples').basic,
    pointer: `${OK}/content/application~1json/examples/basic`,
  },
  {
    rule: 'response-example-added',
    after: (d) => {
      at(ok(d), 'content', 'application/json', 'examples').archived = { value: { id: 'a2', status: 'archived' } };
    },
    pointer: `${OK}/content/application~1json/examples/archived`,
  },
  {
    rule: 'response-example-changed',
    after: (d) => set(at(ok(d), 'content', 'application/json', 'examples', 'basic', 'value'), 'id', 'b2'),
    pointer: `${OK}/content/application~1json/examples/basic`,
  },
];

describeRuleCases('spec:diff rules: response-examples', rules, cases);
