// The recording, written as the traffic comes: each entry is appended to the file at once and the
// closing `]}}` written after it, then overwritten by the next entry. Memory holds one entry at a
// time, whatever the traffic, and the file is a complete HAR document after every entry, so a
// proxy stopped by a signal (or killed) leaves a valid recording of everything it finished.
import { closeSync, openSync, writeSync } from 'node:fs';
import { creator, type ProxyEntry } from './har.ts';

export interface HarWriter {
  add(entry: ProxyEntry): void;
  /** Entries written so far. */
  readonly count: number;
  close(): void;
}

const trailer = '\n]}}\n';

export function createHarWriter(file: string): HarWriter {
  const fd = openSync(file, 'w');
  const head = `{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"entries":[\n`;
  let offset = writeSync(fd, head);
  writeSync(fd, trailer, offset);
  let count = 0;
  let closed = false;
  return {
    get count() {
      return count;
    },
    add(entry) {
      if (closed) return;
      const text = `${count === 0 ? '' : ',\n'}${JSON.stringify(entry)}`;
      const bytes = Buffer.from(text, 'utf8');
      offset += writeSync(fd, bytes, 0, bytes.length, offset);
      writeSync(fd, trailer, offset);
      count++;
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
