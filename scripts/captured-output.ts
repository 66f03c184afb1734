/** Output streams for a command run in-process by a test, and what was written to each. */
export function capturedOutput(): {
  out(text: string): void;
  err(text: string): void;
  written: { out: string; err: string };
} {
  const written = { out: '', err: '' };
  return {
    out: (text) => {
      written.out += text;
    },
    err: (text) => {
      written.err += text;
    },
    written,
  };
}
