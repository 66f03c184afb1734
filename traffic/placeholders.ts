// Same-shape placeholders for secrets in a recording: a masked value keeps its length, its
// character classes and, for a JWT, its header and claims (so offline verdicts on structure and
// expiry stay what they were live), while losing what makes it usable: the password itself, the
// opaque token, the JWT's signature. The same secret gets the same placeholder in the whole
// recording, so a refresh request still carries the refresh token its login answer handed out.

const jwtShape = /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/;

/** `wonder-Land42!` → `xxxxxx-Xxxx00*`; a JWT keeps header and payload, its signature becomes `x…`. */
export function placeholderFor(secret: string): string {
  if (jwtShape.test(secret)) {
    const [header, payload, signature = ''] = secret.split('.');
    return `${header}.${payload}.${'x'.repeat(signature.length)}`;
  }
  // Punctuation that is safe in JSON strings, URLs and headers stays; anything else becomes '*'.
  return secret
    .replace(/[a-z]/g, 'x')
    .replace(/[A-Z]/g, 'X')
    .replace(/[0-9]/g, '0')
    .replace(/[^xX0\-_.~+/=:]/g, '*');
}

export interface Masker {
  /** Learns secrets; each keeps one placeholder from then on. */
  learn(secrets: Iterable<string>): void;
  /** Replaces every learnt secret (as it is and as it appears inside a JSON string). */
  mask(text: string): string;
}

/** Secrets shorter than this are left alone: replacing "ab" everywhere would garble the text. */
const shortest = 3;

export function createMasker(): Masker {
  const known = new Map<string, string>();
  let ordered: [string, string][] = [];
  return {
    learn(secrets) {
      let changed = false;
      for (const secret of secrets) {
        if (secret.length < shortest || known.has(secret)) continue;
        known.set(secret, placeholderFor(secret));
        const escaped = JSON.stringify(secret).slice(1, -1);
        if (escaped !== secret && !known.has(escaped)) known.set(escaped, placeholderFor(secret));
        changed = true;
      }
      if (changed) ordered = [...known].sort((a, b) => b[0].length - a[0].length);
    },
    mask(text) {
      let out = text;
      for (const [secret, placeholder] of ordered) if (out.includes(secret)) out = out.replaceAll(secret, placeholder);
      return out;
    },
  };
}
