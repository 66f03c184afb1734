// Lines written in batches, one write per event-loop turn instead of one per line: a command that
// logs every request or exchange would otherwise spend its time in write calls under load.

export interface LineBatch {
  /** Queues one line (a newline is added). */
  write(line: string): void;
  /** Writes what is queued now, e.g. before the process exits. */
  flush(): void;
}

export function lineBatch(stream: NodeJS.WritableStream): LineBatch {
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    stream.write(pending);
    pending = '';
  };
  return {
    write(line) {
      if (pending === '') setImmediate(flush);
      pending += `${line}\n`;
    },
    flush,
  };
}
