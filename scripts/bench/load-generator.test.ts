import { describe, expect, it } from 'vitest';
import { parseWrkOutput, wrkDurationMs } from './load-generator.ts';

// Output of `wrk -t1 -c50 -d5s --latency -s post.lua URL` (wrk 4.1), as the bench reads it.
const SAMPLE = `Running 5s test @ http://127.0.0.1:40001/v1/api/auth/login
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.93ms  412.10us  12.01ms   91.02%
    Req/Sec    26.20k     1.10k   27.90k    78.00%
  Latency Distribution
     50%    1.87ms
     75%    2.01ms
     90%    2.20ms
     99%    3.50ms
  130412 requests in 5.00s, 61.43MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec:  26081.55
Transfer/sec:     12.28MB
`;

describe('parseWrkOutput', () => {
  it('reads throughput, answers, median and p99 latency, socket errors and non-2xx answers', () => {
    expect(parseWrkOutput(SAMPLE)).toEqual({
      requestsPerSecond: 26082,
      requests: 130412,
      p50Ms: 1.87,
      p99Ms: 3.5,
      errors: 3,
      non2xx: 7,
    });
  });

  it('refuses output without a throughput line', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/Requests\/sec/);
  });
});

describe('wrkDurationMs', () => {
  it.each([
    ['812.00us', 0.81],
    ['1.20ms', 1.2],
    ['2.01s', 2010],
    ['1.5m', 90_000],
    ['n/a', Number.NaN],
  ])('%s is %s ms', (text, ms) => {
    expect(wrkDurationMs(text)).toBe(ms);
  });
});
