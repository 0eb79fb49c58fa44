// openid-client (v6) as the relying party of the running gateway: discovery, PAR with
// private_key_jwt, the login (user-agent.mjs), the code grant with its own ID token validation
// (signature, iss, aud, nonce, state, RFC 9207 iss, times), userinfo, refresh.
import * as client from 'openid-client'
import { clientKey, packageVersion, run, settings } from './lib/flow.mjs'
import { logIn } from './lib/user-agent.mjs'

const config = await client.discovery(settings.issuer, settings.clientId,
  { id_token_signed_response_alg: 'ES256', redirect_uris: [settings.redirectUri] },
  client.PrivateKeyJwt(await clientKey()),
  { execute: [client.allowInsecureRequests] })

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
  })
  const callback = await logIn(authorization, settings.signerUrl)
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  })
  const idToken = tokens.claims()
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub)
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token)
  return {
    scope,
    nonce,
    id_token: idToken,
    userinfo,
    refreshed: {
      id_token: refreshed.claims(),
      access_token_changed: refreshed.access_token !== tokens.access_token,
      refresh_token_changed: refreshed.refresh_token !== tokens.refresh_token,
    },
  }
})
