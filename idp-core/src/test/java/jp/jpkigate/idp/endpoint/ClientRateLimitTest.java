package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Duration;
import jp.jpkigate.idp.limit.RateLimitOptions;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.TokenCalls;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-client rate limit of {@code /par} and {@code /token}: {@code bank} may make 2 requests at
 * once and 1 a second after that; beyond it 429 with {@code Retry-After}. Only authenticated requests
 * count, and one client's use leaves another's allowance alone.
 */
class ClientRateLimitTest {
    private static final URI PAR = URI.create(OpFixture.ISSUER + "/par");

    @RegisterExtension
    static final LoginFixture op = new LoginFixture().limitingClients(new RateLimitOptions(60, 2));

    @BeforeEach
    void refill() {
        op.clock.advance(Duration.ofMinutes(1));
    }

    private static HttpResponse<Buffer> par() throws Exception {
        return op.send(new PushedAuthorizationRequest(PAR, op.bankAuth(),
                LoginFixture.request(new Scope("openid"), new State(), new CodeVerifier()).build()).toHTTPRequest());
    }

    private static HttpResponse<Buffer> token() throws Exception {
        return op.sendToken(new TokenRequest(TokenCalls.TOKEN, op.bankAuth(), new ClientCredentialsGrant(),
                new Scope("consent:read")));
    }

    @Test
    void aClientOverItsLimitGets429WithRetryAfterAtParAndTokenUntilTheBucketRefills() throws Exception {
        assertThat(par().statusCode()).isEqualTo(201);
        assertThat(token().statusCode()).isEqualTo(200);

        HttpResponse<Buffer> limited = par();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
        assertThat(limited.getHeader("Content-Type")).startsWith("application/json");
        assertThat(limited.bodyAsJsonObject().getString("error")).isEqualTo("temporarily_unavailable");
        assertThat(limited.bodyAsJsonObject().getString("error_description")).contains("too many requests");
        assertThat(token().statusCode()).isEqualTo(429);

        op.clock.advance(Duration.ofSeconds(1));
        assertThat(par().statusCode()).isEqualTo(201);
        assertThat(par().statusCode()).isEqualTo(429);
    }

    @Test
    void requestsThatFailClientAuthenticationDoNotUseTheClientsAllowance() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> anonymous = TestRedis.await(op.web.post("/par")
                    .putHeader("Content-Type", "application/x-www-form-urlencoded")
                    .sendBuffer(Buffer.buffer("client_id=" + OpFixture.BANK + "&response_type=code&scope=openid")));
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
        assertThat(par().statusCode()).isEqualTo(201);
        assertThat(par().statusCode()).isEqualTo(201);
    }

    @Test
    void anotherClientKeepsItsOwnAllowance() throws Exception {
        par();
        par();
        assertThat(par().statusCode()).isEqualTo(429);
        HttpResponse<Buffer> legacy = op.send(new TokenRequest(TokenCalls.TOKEN,
                new ClientSecretBasic(new ClientID(OpFixture.LEGACY), new Secret(OpFixture.LEGACY_SECRET)),
                new ClientCredentialsGrant(), null).toHTTPRequest());
        assertThat(legacy.statusCode()).isNotEqualTo(429);
        assertThat(legacy.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized_client");
    }
}
