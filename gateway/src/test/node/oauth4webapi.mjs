// oauth4webapi (v3) as the relying party of the running gateway: discovery, PAR with
// private_key_jwt, the login (user-agent.mjs), the authorization response (state, RFC 9207 iss),
// the code grant with its ID token validation, the JWT access token validated as a resource
// server would (validateJwtAccessToken, RFC 9068), userinfo, refresh.
import * as oauth from 'oauth4webapi'
import { clientKey, packageVersion, run, settings } from './lib/flow.mjs'
import { logIn } from './lib/user-agent.mjs'

const insecure = { [oauth.allowInsecureRequests]: true }
const as = await oauth.processDiscoveryResponse(settings.issuer,
  await oauth.discoveryRequest(settings.issuer, insecure))
const client = { client_id: settings.clientId, id_token_signed_response_alg: 'ES256' }
const clientAuth = oauth.PrivateKeyJwt(await clientKey())

await run(packageVersion('oauth4webapi'), as.scopes_supported, async ({ scope, claims }) => {
  const codeVerifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const nonce = oauth.generateRandomNonce()
  const pushed = await oauth.processPushedAuthorizationResponse(as, client,
    await oauth.pushedAuthorizationRequest(as, client, clientAuth, {
      redirect_uri: settings.redirectUri,
      response_type: 'code',
      scope,
      state,
      nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...(claims ? { claims: JSON.stringify(claims) } : {}),
    }, insecure))
  const authorization = new URL(as.authorization_endpoint)
  authorization.searchParams.set('client_id', client.client_id)
  authorization.searchParams.set('request_uri', pushed.request_uri)

  const callback = await logIn(authorization, settings.signerUrl)
  const params = oauth.validateAuthResponse(as, client, callback, state)
  const tokens = await oauth.processAuthorizationCodeResponse(as, client,
    await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, settings.redirectUri, codeVerifier, insecure),
    { expectedNonce: nonce, requireIdToken: true })
  const idToken = oauth.getValidatedIdTokenClaims(tokens)
  const accessToken = await oauth.validateJwtAccessToken(as,
    new Request(as.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } }),
    as.userinfo_endpoint, { ...insecure, signingAlgorithms: ['ES256'] })
  const userinfo = await oauth.processUserInfoResponse(as, client, idToken.sub,
    await oauth.userInfoRequest(as, client, tokens.access_token, insecure))
  const refreshed = await oauth.processRefreshTokenResponse(as, client,
    await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token, insecure))
  return {
    scope,
    nonce,
    id_token: idToken,
    access_token: accessToken,
    userinfo,
    refreshed: {
      id_token: oauth.getValidatedIdTokenClaims(refreshed),
      access_token_changed: refreshed.access_token !== tokens.access_token,
      refresh_token_changed: refreshed.refresh_token !== tokens.refresh_token,
    },
  }
})
