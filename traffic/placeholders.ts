import { createSecretSearch, type SecretSearch, shortestSecret } from '../common/secret-search.ts';

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
  const known = new Set<string>();
  const users = new Set<string>();
  // One compiled search per secret, longest first: learning a secret compiles only that one.
  let searches: { length: number; search: SecretSearch }[] = [];
  return {
    learn(secrets, newUsers = []) {
      for (const user of newUsers) users.add(user);
      for (const secret of secrets) {
        if (secret.length < shortestSecret || known.has(secret)) continue;
        known.add(secret);
        const search = createSecretSearch([{ value: secret, mask: placeholderFor(secret) }], { users: [...users] });
        searches.push({ length: secret.length, search });
        searches = searches.sort((a, b) => b.length - a.length);
      }
    },
    mask(text) {
      let out = text;
      for (const { search } of searches) out = search.redact(out);
      return out;
    },
  };
}
