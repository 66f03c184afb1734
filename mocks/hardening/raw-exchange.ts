/** Sends raw bytes over a fresh TCP connection and reads the HTTP status line of the answer, if any. */
import { connect } from 'node:net';

export interface RawAnswer {
  status?: number;
  /** The server closed or reset the connection without an HTTP answer. */
  closed: boolean;
  timedOut: boolean;
}

export function rawExchange(port: number, bytes: Buffer, timeoutMs = 3_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let head = '';
    let settled = false;
    const finish = (answer: Omit<RawAnswer, 'status'>) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ ...answer, ...(match ? { status: Number(match[1]) } : {}) });
    };
    socket.setTimeout(timeoutMs, () => finish({ closed: false, timedOut: true }));
    socket.on('data', (chunk) => {
      if (head.length < 64) head += chunk.toString('latin1');
      if (/^HTTP\/1\.[01] \d{3}/.test(head)) finish({ closed: false, timedOut: false });
    });
    socket.on('error', () => finish({ closed: true, timedOut: false }));
    socket.on('close', () => finish({ closed: true, timedOut: false }));
    socket.end(bytes);
  });
}
