package jp.jpkigate.gateway.clients;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nimbus oauth2-oidc-sdk as the relying party of the running gateway, over its own HTTP client:
 * discovery → PAR with private_key_jwt → authorize → the card signs → token → ID token and
 * RFC 9068 access token validated → userinfo → refresh; twice with the authentication
 * certificate, once for identity verification. The client is FAPI, so its requests carry DPoP
 * proofs and its access tokens are DPoP tokens. (idp-core's TokenFlowTest drives the OP slice with
 * Nimbus messages over Vert.x; this is the whole gateway, as an RP's Java service meets it.)
 */
@ExtendWith(RunningGateway.Extension.class)
class RealClientsNimbusTest {
    @Test
    void nimbusRunsTheWholeFlowAndAcceptsOurTokens(RunningGateway gateway) throws Exception {
        NimbusRp rp = new NimbusRp(gateway);
        JsonObject report = new JsonObject().put("library", "nimbus oauth2-oidc-sdk")
                .put("scopes_supported", new JsonArray(rp.provider().getScopes().toStringList()))
                .put("logins", new JsonObject()
                        .put("auth", login(rp, gateway, new Scope("openid"), null))
                        .put("auth_again", login(rp, gateway, new Scope("openid"), null))
                        .put("identity", login(rp, gateway, Scope.parse(FlowReport.IDENTITY_SCOPE),
                                OIDCClaimsRequest.parse(FlowReport.IDENTITY_CLAIMS_REQUEST))));

        FlowReport.assertWholeFlow(report, gateway);
    }

    private static JsonObject login(NimbusRp rp, RunningGateway gateway, Scope scope, OIDCClaimsRequest claims) throws Exception {
        NimbusRp.Pushed pushed = rp.push(scope, claims);
        OIDCTokens tokens = rp.redeem(new UserAgent(gateway.signer()).logIn(pushed.authorization()), pushed);
        JsonObject login = new JsonObject()
                .put("scope", scope.toString())
                .put("nonce", pushed.nonce().getValue())
                .put("dpop_jkt", rp.dpopJkt())
                .put("token_type", tokens.getAccessToken().getType().getValue())
                .put("id_token", rp.validateIdToken(tokens, pushed.nonce()))
                .put("access_token", rp.validateAccessToken(tokens.getAccessToken()))
                .put("userinfo", rp.userinfo(tokens.getDPoPAccessToken()));
        OIDCTokens refreshed = rp.refresh(tokens.getRefreshToken());
        return login.put("refreshed", new JsonObject()
                .put("id_token", rp.validateIdToken(refreshed, null))
                .put("token_type", refreshed.getAccessToken().getType().getValue())
                .put("access_token_changed", !refreshed.getAccessToken().equals(tokens.getAccessToken()))
                .put("refresh_token_changed", !refreshed.getRefreshToken().equals(tokens.getRefreshToken())));
    }
}
