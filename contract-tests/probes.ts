// The active run's probes: the requests several checks share (a valid login, a wrong password …),
// each sent once per run and shared, which keeps the number of failed logins against a real account low.
import { randomBytes } from 'node:crypto';
import type { Api } from '../judge/api.ts';
import type { Exchange, RequestSpec } from '../judge/exchange.ts';
import { type IssuedTokens, issuedTokens, jsonRequest, type Probes } from '../judge/probes.ts';

const randomName = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make();
    return pending;
  };
}

export function createProbes(
  api: Api,
  credentials: { user: string; password: string },
  send: (spec: RequestSpec) => Promise<Exchange>,
): Probes {
  const { user, password, refreshToken } = api.fields;
  // Made up on first use: a run whose checks ask for none sends no made-up names.
  let madeNames: Probes['made'] | undefined;
  const made = (): Probes['made'] => {
    madeNames ??= {
      unknownUser: randomName('contract-unknown-user'),
      unknownUserAgain: randomName('contract-unknown-user'),
      wrongPassword: randomName('wrong'),
    };
    return madeNames;
  };
  const login = (u: string, p: string, label: string) =>
    send(jsonRequest(api.login, { [user]: u, [password]: p }, label));

  let sentValidLogin: Exchange | undefined;
  const validLogin = once(async () => {
    sentValidLogin = await login(credentials.user, credentials.password, 'login with the given credentials');
    return sentValidLogin;
  });
  const tokens = once(async (): Promise<IssuedTokens> => issuedTokens(await validLogin(), api));

  return {
    get made() {
      return made();
    },
    validLogin,
    sentValidLogin: () => sentValidLogin,
    wrongPassword: once(() => login(credentials.user, made().wrongPassword, 'login with a wrong password')),
    unknownUser: once(() => login(made().unknownUser, credentials.password, 'login as a user that does not exist')),
    unknownUserAgain: once(() =>
      login(made().unknownUserAgain, credentials.password, 'login as another user that does not exist'),
    ),
    tokens,
    refreshWithIssuedToken: once(async () => {
      const issued = await tokens();
      if (!issued.ok || !issued.refresh) return undefined;
      return send(
        jsonRequest(api.refresh, { [refreshToken]: issued.refresh }, 'refresh with the refresh token from the login'),
      );
    }),
  };
}
