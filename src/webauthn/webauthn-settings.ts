/** Djoser's `WEBAUTHN` dict as environment variables (src/webauthn), checked at start. */
export interface WebauthnSettings {
  /** `WEBAUTHN["RP_ID"]`: the domain passkeys are bound to. */
  rpId: string;
  /** `WEBAUTHN["RP_NAME"]`: the name an authenticator shows. */
  rpName: string;
  /** `WEBAUTHN["ORIGIN"]`: the page origins a ceremony may come from (Djoser: one). */
  origins: string[];
  /** Seconds a challenge stays usable (ours: Djoser's never expire). */
  challengeTimeout: number;
}

type Fail = (message: string) => never;

/** The RP ID must be the origin's host or a parent domain of it, or browsers refuse every ceremony. */
function checkOrigin(origin: string, rpId: string, fail: Fail): void {
  const m = /^(https?):\/\/([^/?#:]+|\[[^\]]+\])(:\d+)?$/i.exec(origin);
  if (!m) fail(`Invalid environment variable WEBAUTHN_ORIGIN=${JSON.stringify(origin)}: expected scheme://host[:port], e.g. https://app.example.com`);
  const host = m![2].toLowerCase();
  if (host !== rpId && !host.endsWith(`.${rpId}`))
    fail(`Invalid environment variable WEBAUTHN_RP_ID=${JSON.stringify(rpId)}: it must be the host of WEBAUTHN_ORIGIN ${JSON.stringify(origin)} or a parent domain of it`);
}

export function parseWebauthnSettings(s: (k: string) => string, n: (k: string) => number, l: (k: string) => string[], fail: Fail): WebauthnSettings {
  const rpId = s('WEBAUTHN_RP_ID').toLowerCase();
  if (!rpId || /[/:\s]/.test(rpId)) fail(`Invalid environment variable WEBAUTHN_RP_ID=${JSON.stringify(rpId)}: expected a domain name, e.g. example.com`);
  const origins = l('WEBAUTHN_ORIGIN');
  if (origins.length === 0) fail('Invalid environment variable WEBAUTHN_ORIGIN="": expected at least one origin, e.g. https://app.example.com');
  for (const o of origins) checkOrigin(o, rpId, fail);
  return { rpId, rpName: s('WEBAUTHN_RP_NAME'), origins, challengeTimeout: n('WEBAUTHN_CHALLENGE_TIMEOUT') };
}
