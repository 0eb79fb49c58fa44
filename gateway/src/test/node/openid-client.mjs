// openid-client (v6) as the relying party of the running gateway: discovery, PAR with
// private_key_jwt, the login (user-agent.mjs), the code grant with its own ID token validation
// (signature, iss, aud, nonce, state, RFC 9207 iss, times), userinfo, refresh, introspection of the
// refreshed tokens, revocation of the refresh token (its grant). The client is a FAPI client, so
// every call to /par, /token and /userinfo carries a DPoP proof (RFC 9449) of one key pair: the
// handle keeps the OP's DPoP-Nonce and openid-client retries once when the OP asks for a fresh one.
// After the logins, RP-initiated logout of the last one (its ID token, which carries the session's
// sid, as id_token_hint) in the browser that logged in.
import * as client from 'openid-client'
import { clientKey, loginReport, packageVersion, revocationReport, run, settings } from './lib/flow.mjs'
import { Browser, logIn, logOut } from './lib/user-agent.mjs'

const config = await client.discovery(settings.issuer, settings.clientId,
  { id_token_signed_response_alg: 'ES256', redirect_uris: [settings.redirectUri] },
  client.PrivateKeyJwt(await clientKey()),
  { execute: [client.allowInsecureRequests] })
const DPoP = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'))
const dpopJkt = await DPoP.calculateThumbprint()
/** The last login's browser (with its session cookie) and ID token, for the logout. */
let lastLogin

await run(packageVersion('openid-client'), config.serverMetadata().scopes_supported, async ({ scope, claims }) => {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const authorization = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: settings.redirectUri,
    scope,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(claims ? { claims: JSON.stringify(claims) } : {}),
  }, { DPoP })
  const browser = new Browser()
  const callback = await logIn(authorization, settings.signerUrl, browser)
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  }, undefined, { DPoP })
  const idToken = tokens.claims()
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub, { DPoP })
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP })
  const revocation = await revocationReport({
    accessToken: refreshed.access_token,
    refreshToken: refreshed.refresh_token,
    introspect: (token) => client.tokenIntrospection(config, token),
    revoke: (token) => client.tokenRevocation(config, token, { token_type_hint: 'refresh_token' }),
    userinfo: (accessToken) => client.fetchUserInfo(config, accessToken, idToken.sub, { DPoP }),
  })
  lastLogin = { browser, idToken: tokens.id_token }
  return loginReport({
    scope, nonce, dpopJkt, tokens, idToken, userinfo, refreshed, refreshedIdToken: refreshed.claims(), revocation,
  })
}, async () => {
  // The login's ID token, not the refresh's: only a login's carries sid, which lets the OP end the
  // session at once (another would need the person's confirmation). Its grant being revoked does
  // not matter for logout.
  const state = client.randomState()
  const redirect = await logOut(lastLogin.browser, client.buildEndSessionUrl(config, {
    id_token_hint: lastLogin.idToken,
    post_logout_redirect_uri: settings.postLogoutRedirectUri,
    state,
  }))
  return {
    state,
    redirected_to: redirect.origin + redirect.pathname,
    redirect_state: redirect.searchParams.get('state'),
  }
})
