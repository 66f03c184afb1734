import { createSecretIndex } from '../common/secret-search.ts';

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
  learn(secrets: Iterable<string>, users?: Iterable<string>): void;
  /**
   * Replaces every learnt secret: as it is and in every encoding a server may echo it in (JSON,
   * HTML, URL, base64 also of `user:password`; see common/secret-search.ts).
   */
  mask(text: string): string;
}

export function createMasker(): Masker {
  // One index for the whole recording: learning a secret indexes it, masking reads each text once
  // whatever the number of secrets (a session learns a token pair per login). No pieces: the
  // recording cuts bodies only after masking them.
  const index = createSecretIndex({ pieces: false });
  return {
    learn(secrets, users = []) {
      index.add(
        [...secrets].map((value) => ({ value, mask: placeholderFor(value) })),
        users,
      );
    },
    mask: (text) => index.redact(text),
  };
}
