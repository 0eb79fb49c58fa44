// openid-client (v6) as the relying party of the running gateway: discovery, PAR with
// private_key_jwt, the login (user-agent.mjs), the code grant with its own ID token validation
// (signature, iss, aud, nonce, state, RFC 9207 iss, times), userinfo, refresh. The client is a FAPI
// client, so every call to the OP carries a DPoP proof (RFC 9449) of one key pair: the handle keeps
// the OP's DPoP-Nonce and openid-client retries once when the OP asks for a fresh one.
import * as client from 'openid-client'
import { clientKey, loginReport, packageVersion, run, settings } from './lib/flow.mjs'
import { logIn } from './lib/user-agent.mjs'

const config = await client.discovery(settings.issuer, settings.clientId,
  { id_token_signed_response_alg: 'ES256', redirect_uris: [settings.redirectUri] },
  client.PrivateKeyJwt(await clientKey()),
  { execute: [client.allowInsecureRequests] })
const DPoP = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'))
const dpopJkt = await DPoP.calculateThumbprint()

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
  const callback = await logIn(authorization, settings.signerUrl)
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  }, undefined, { DPoP })
  const idToken = tokens.claims()
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub, { DPoP })
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP })
  return loginReport({
    scope, nonce, dpopJkt, tokens, idToken, userinfo, refreshed, refreshedIdToken: refreshed.claims(),
  })
})
