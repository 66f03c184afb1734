import { describe, expect, it } from 'vitest';
import { scenariosFor } from '../client/scenarios.ts';
import { NO_SCENARIO, preferFor, SLOW_DELAY_MS, scenarioOptions } from './scenario.ts';

describe('scenarioOptions', () => {
  it('offers every named example of the operation, marking assumed ones', () => {
    const options = scenarioOptions('refreshToken');
    expect(options.map((o) => o.value)).toEqual(scenariosFor('refreshToken').map((s) => `${s.status}:${s.example}`));
    expect(options.find((o) => o.value === '200:documented')).toMatchObject({
      label: '200 documented',
      summary: 'The example from the API’s docs.',
    });
    expect(options.find((o) => o.value === '401:expired-token')).toMatchObject({
      label: '401 expired-token (assumed)',
      summary: 'Refresh token expired. An assumed error: the docs define none.',
    });
  });
});

describe('preferFor', () => {
  it('asks for nothing by default', () => {
    expect(preferFor('login', NO_SCENARIO)).toBeUndefined();
  });

  it('sends the status with the example name, per operation', () => {
    const choice = { ...NO_SCENARIO, login: '401:wrong-credentials', refreshToken: '200:documented' };
    expect(preferFor('login', choice)).toEqual({ code: 401, example: 'wrong-credentials' });
    expect(preferFor('refreshToken', choice)).toEqual({ code: 200, example: 'documented' });
  });

  it('adds latency and the network-error switch to any operation', () => {
    expect(preferFor('refreshToken', { ...NO_SCENARIO, slow: true, networkError: true })).toEqual({
      delay: SLOW_DELAY_MS,
      networkError: true,
    });
  });

  it('refuses a scenario the spec does not have', () => {
    expect(() => preferFor('login', { ...NO_SCENARIO, login: '418:teapot' })).toThrow(/No scenario "418:teapot"/);
  });
});
