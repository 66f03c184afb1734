import { describe, expect, it } from 'vitest';
import { checkBaseUrl, DEFAULT_BASE_URL, readSettings, writeSettings } from './settings.ts';

describe('readSettings', () => {
  it.each([
    ['nothing', '', { mode: 'worker', baseUrl: DEFAULT_BASE_URL }],
    ['stateful', '?mode=stateful', { mode: 'stateful', baseUrl: DEFAULT_BASE_URL }],
    ['an HTTP server', '?mode=http&baseUrl=http://127.0.0.1:9999/', { mode: 'http', baseUrl: 'http://127.0.0.1:9999' }],
  ])('reads %s', (_name, search, want) => {
    expect(readSettings(search)).toEqual({ settings: want, problems: [] });
  });

  it('falls back on bad values and says why', () => {
    const { settings, problems } = readSettings('?mode=proxy&baseUrl=ftp://x');
    expect(settings).toEqual({ mode: 'worker', baseUrl: DEFAULT_BASE_URL });
    expect(problems).toEqual([
      'Unknown mode "proxy"; using the service worker.',
      `"ftp://x" is not an http(s) URL; using ${DEFAULT_BASE_URL}.`,
    ]);
  });

  it('round-trips through writeSettings', () => {
    for (const settings of [
      { mode: 'worker', baseUrl: DEFAULT_BASE_URL },
      { mode: 'http', baseUrl: 'https://staging.example.com' },
    ] as const) {
      expect(readSettings(writeSettings(settings)).settings).toEqual(settings);
    }
    expect(writeSettings({ mode: 'stateful', baseUrl: 'http://ignored' })).toBe('?mode=stateful');
  });
});

describe('checkBaseUrl', () => {
  it.each([
    ['/relative', /not an absolute URL/],
    ['javascript:alert(1)', /not an http\(s\) URL/],
    ['http://127.0.0.1:4010/?x=1', /must not carry a query/],
  ])('refuses %s', (value, message) => {
    expect(checkBaseUrl(value)).toMatch(message);
  });
  it('accepts an http URL with a path', () => {
    expect(checkBaseUrl('http://127.0.0.1:4010/api')).toBeUndefined();
  });
});
