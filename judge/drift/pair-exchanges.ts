// Pairs the exchanges of two runs of the same requests: the same probe sends the same request to
// either side, so its method, path and label, counted in order, name it on both.
import type { Exchange } from '../exchange.ts';

export interface ExchangePair {
  key: string;
  server?: Exchange;
  mock?: Exchange;
}

export const requestKey = (exchange: Exchange) =>
  `${exchange.request.method} ${exchange.request.path} ${exchange.request.label}`;

/**
 * Every exchange of either log, paired by `keyOf` and the order it came in (the second request
 * with a key pairs with the other side's second). Order follows the server's log, then the
 * mock's leftovers.
 */
export function pairExchanges(
  server: readonly Exchange[],
  mock: readonly Exchange[],
  keyOf: (exchange: Exchange) => string = requestKey,
): ExchangePair[] {
  const waiting = new Map<string, Exchange[]>();
  for (const exchange of mock) {
    const key = keyOf(exchange);
    const list = waiting.get(key);
    if (list) list.push(exchange);
    else waiting.set(key, [exchange]);
  }
  const pairs: ExchangePair[] = [];
  for (const exchange of server) {
    const key = keyOf(exchange);
    const other = waiting.get(key)?.shift();
    pairs.push(other ? { key, server: exchange, mock: other } : { key, server: exchange });
  }
  for (const [key, left] of waiting) for (const exchange of left) pairs.push({ key, mock: exchange });
  return pairs;
}
