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
  postLogoutRedirectUri: required('POST_LOGOUT_REDIRECT_URI'),
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
 * After the refresh, with the library's calls (`introspect(token)` resolving to the introspection
 * response, `revoke(token)`, `userinfo(accessToken)`): introspects the current access and refresh
 * tokens, revokes the refresh token (and so its grant, with its access tokens), introspects both
 * again and calls userinfo with the access token, which must fail now. Resolves to the login
 * report's `introspected` and `revoked` (with the HTTP status of that userinfo call and its error
 * code).
 */
export async function revocationReport({ accessToken, refreshToken, introspect, revoke, userinfo }) {
  const introspected = { access_token: await introspect(accessToken), refresh_token: await introspect(refreshToken) }
  await revoke(refreshToken)
  const revoked = { refresh_token: await introspect(refreshToken), access_token: await introspect(accessToken) }
  try {
    await userinfo(accessToken)
    revoked.userinfo = { status: 200 }
  } catch (error) {
    if (typeof error.status !== 'number') {
      throw error
    }
    // The DPoP challenge of WWW-Authenticate (the token is DPoP-bound) says why.
    const challenge = Array.isArray(error.cause) ? error.cause.find(({ scheme }) => scheme === 'dpop') : undefined
    revoked.userinfo = { status: error.status, error: challenge?.parameters.error ?? error.error }
  }
  return { introspected, revoked }
}

/**
 * One login's report (FlowReport.java checks it): what the library validated — the ID token, the
 * access token's claims when it validates them, userinfo — the token type of the DPoP key's
 * tokens, how the tokens changed on refresh, and introspection and revocation (revocationReport).
 */
export function loginReport({ scope, nonce, dpopJkt, tokens, idToken, accessToken, userinfo, refreshed, refreshedIdToken, revocation }) {
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
    ...revocation,
  }
}

/**
 * Runs the three logins with `login({ scope, claims })` (which returns one login's report), then
 * `logout()` if given (which returns the logout's report), and prints the whole report; any
 * failure goes to stderr with exit code 1.
 */
export async function run(library, scopesSupported, login, logout) {
  try {
    const identityScopes = FOUR_INFORMATION_SCOPES.filter((scope) => scopesSupported.includes(scope))
    const logins = {}
    logins.auth = await login({ scope: 'openid' })
    logins.auth_again = await login({ scope: 'openid' })
    logins.identity = await login({ scope: ['openid', ...identityScopes].join(' '), claims: settings.identityClaims })
    const report = { library, scopes_supported: scopesSupported, logins }
    if (logout) {
      report.logout = await logout()
    }
    process.stdout.write(JSON.stringify(report) + '\n')
  } catch (error) {
    console.error(error)
    process.exitCode = 1
  }
}
