package jp.jpkigate.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * panva's openid-client (v6) and oauth4webapi (v3), run by Node.js, as relying parties of the
 * running gateway: discovery → PAR with private_key_jwt → authorize → the card signs (through
 * {@link CardSignerHook}) → token → their own ID token (and, for oauth4webapi, RFC 9068 access
 * token) validation → userinfo → refresh; twice with the authentication certificate, once for
 * identity verification. The client is FAPI: each library sends DPoP proofs with its own DPoP
 * support and gets DPoP-bound tokens. The scripts and their pinned versions: {@code src/test/node}.
 */
@ExtendWith(RunningGateway.Extension.class)
class RealClientsNodeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void openidClientRunsTheWholeFlowAndAcceptsOurIdTokens(RunningGateway gateway) throws Exception {
        JsonObject report = NodeScript.run("openid-client.mjs", environment(gateway), TIMEOUT);

        FlowReport.assertWholeFlow(report, gateway);
    }

    @Test
    void oauth4webapiRunsTheWholeFlowAndAcceptsOurIdAndAccessTokens(RunningGateway gateway) throws Exception {
        JsonObject report = NodeScript.run("oauth4webapi.mjs", environment(gateway), TIMEOUT);

        FlowReport.assertWholeFlow(report, gateway);
        report.getJsonObject("logins").forEach(login ->
                assertThat(((JsonObject) login.getValue()).containsKey("access_token")).as(login.getKey()).isTrue());
    }

    private static Map<String, String> environment(RunningGateway gateway) {
        return Map.of(
                "ISSUER", gateway.issuer(),
                "CLIENT_ID", RunningGateway.CLIENT_ID,
                "CLIENT_PRIVATE_JWK", gateway.clientKey().toJSONString(),
                "REDIRECT_URI", gateway.redirectUri(),
                "SIGNER_URL", gateway.signer().url(),
                "IDENTITY_CLAIMS", FlowReport.IDENTITY_CLAIMS_REQUEST);
    }
}
