// What both client scripts share: their settings (from the JUnit test, through the environment),
// the client's private key, and the three logins they run — "auth" and "auth_again" with the
// authentication certificate, "identity" asking for the 4 information (the scopes the gateway
// lists in scopes_supported) — reported as one JSON document on stdout (FlowReport.java checks it).
import { readFileSync } from 'node:fs'

const FOUR_INFORMATION_SCOPES = ['name', 'address', 'birthdate', 'gender']

function required(name) {
  const value = process.env[name]
  if (!value) {
    throw new Error(`set ${name}`)
  }
  return value
}

export const settings = {
  issuer: new URL(required('ISSUER')),
  clientId: required('CLIENT_ID'),
  redirectUri: required('REDIRECT_URI'),
  signerUrl: required('SIGNER_URL'),
  identityClaims: JSON.parse(required('IDENTITY_CLAIMS')),
}

/** The client's ES256 signing key for private_key_jwt, as a non-extractable CryptoKey and its kid. */
export async function clientKey() {
  const jwk = JSON.parse(required('CLIENT_PRIVATE_JWK'))
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
  return { key, kid: jwk.kid }
}

/** "name@version" of an installed package. */
export function packageVersion(name) {
  const pkg = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8'))
  return `${pkg.name}@${pkg.version}`
}

/**
 * One login's report (FlowReport.java checks it): what the library validated — the ID token, the
 * access token's claims when it validates them, userinfo — the token type of the DPoP key's
 * tokens, and how the tokens changed on refresh.
 */
export function loginReport({ scope, nonce, dpopJkt, tokens, idToken, accessToken, userinfo, refreshed, refreshedIdToken }) {
  return {
    scope,
    nonce,
    dpop_jkt: dpopJkt,
    token_type: tokens.token_type,
    id_token: idToken,
    ...(accessToken ? { access_token: accessToken } : {}),
    userinfo,
    refreshed: {
      id_token: refreshedIdToken,
      token_type: refreshed.token_type,
      access_token_changed: refreshed.access_token !== tokens.access_token,
      refresh_token_changed: refreshed.refresh_token !== tokens.refresh_token,
    },
  }
}

/**
 * Runs the three logins with `login({ scope, claims })` (which returns one login's report) and
 * prints the whole report; any failure goes to stderr with exit code 1.
 */
export async function run(library, scopesSupported, login) {
  try {
    const identityScopes = FOUR_INFORMATION_SCOPES.filter((scope) => scopesSupported.includes(scope))
    const logins = {}
    logins.auth = await login({ scope: 'openid' })
    logins.auth_again = await login({ scope: 'openid' })
    logins.identity = await login({ scope: ['openid', ...identityScopes].join(' '), claims: settings.identityClaims })
    process.stdout.write(JSON.stringify({ library, scopes_supported: scopesSupported, logins }) + '\n')
  } catch (error) {
    console.error(error)
    process.exitCode = 1
  }
}
