// oauth4webapi (v3) as the relying party of the running gateway: discovery, PAR with
// private_key_jwt, the login (user-agent.mjs), the authorization response (state, RFC 9207 iss),
// the code grant with its ID token validation, userinfo, the JWT access token validated as the
// resource server would on that userinfo request (validateJwtAccessToken: RFC 9068, and RFC 9449
// — the DPoP proof, its ath and the token's cnf.jkt), refresh. The client is a FAPI client, so
// every call to the OP carries a DPoP proof of one key pair; the handle keeps the OP's DPoP-Nonce,
// and a call the OP answers with use_dpop_nonce is sent once more (isDPoPNonceError).
import * as oauth from 'oauth4webapi'
import { clientKey, loginReport, packageVersion, run, settings } from './lib/flow.mjs'
import { logIn } from './lib/user-agent.mjs'

const insecure = { [oauth.allowInsecureRequests]: true }
const as = await oauth.processDiscoveryResponse(settings.issuer,
  await oauth.discoveryRequest(settings.issuer, insecure))
const client = { client_id: settings.clientId, id_token_signed_response_alg: 'ES256' }
const clientAuth = oauth.PrivateKeyJwt(await clientKey())
const DPoP = oauth.DPoP(client, await oauth.generateKeyPair('ES256'))
const dpopJkt = await DPoP.calculateThumbprint()

/** One call to the OP (request and response processing), once more if the OP wants a fresh DPoP nonce. */
async function withDPoPNonceRetry(call) {
  try {
    return await call()
  } catch (error) {
    if (oauth.isDPoPNonceError(error)) {
      return call()
    }
    throw error
  }
}

await run(packageVersion('oauth4webapi'), as.scopes_supported, async ({ scope, claims }) => {
  const codeVerifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const nonce = oauth.generateRandomNonce()
  const parameters = {
    redirect_uri: settings.redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(claims ? { claims: JSON.stringify(claims) } : {}),
  }
  const pushed = await withDPoPNonceRetry(async () => oauth.processPushedAuthorizationResponse(as, client,
    await oauth.pushedAuthorizationRequest(as, client, clientAuth, parameters, { ...insecure, DPoP })))
  const authorization = new URL(as.authorization_endpoint)
  authorization.searchParams.set('client_id', client.client_id)
  authorization.searchParams.set('request_uri', pushed.request_uri)

  const callback = await logIn(authorization, settings.signerUrl)
  const params = oauth.validateAuthResponse(as, client, callback, state)
  const tokens = await withDPoPNonceRetry(async () => oauth.processAuthorizationCodeResponse(as, client,
    await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, settings.redirectUri, codeVerifier,
      { ...insecure, DPoP }),
    { expectedNonce: nonce, requireIdToken: true }))
  const idToken = oauth.getValidatedIdTokenClaims(tokens)
  // The userinfo request as the resource server receives it (DPoP scheme, the proof), kept to
  // validate the access token on it.
  let received
  const keepRequest = (url, init) => {
    received = new Request(url, init)
    return fetch(url, init)
  }
  const userinfo = await withDPoPNonceRetry(async () => oauth.processUserInfoResponse(as, client, idToken.sub,
    await oauth.userInfoRequest(as, client, tokens.access_token, { ...insecure, DPoP, [oauth.customFetch]: keepRequest })))
  const accessToken = await oauth.validateJwtAccessToken(as, received, as.userinfo_endpoint,
    { ...insecure, signingAlgorithms: ['ES256'] })
  const refreshed = await withDPoPNonceRetry(async () => oauth.processRefreshTokenResponse(as, client,
    await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token, { ...insecure, DPoP })))
  return loginReport({
    scope, nonce, dpopJkt, tokens, idToken, accessToken, userinfo, refreshed, refreshedIdToken: oauth.getValidatedIdTokenClaims(refreshed),
  })
})
