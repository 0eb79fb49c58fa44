package jp.jpkigate.idp.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.client.ClientAuthenticationPolicy;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.store.ApprovalWithdrawalStore;
import jp.jpkigate.idp.store.GrantRevocations;
import jp.jpkigate.idp.store.RefreshTokenLookup;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.token.AccessTokenVerifier;
import jp.jpkigate.idp.token.TokenGrant;
import jp.jpkigate.idp.token.TokenLookup;
import org.junit.jupiter.api.Test;

/**
 * Who may learn about a token (RFC 7662 §2.2, §4), and when a refresh token counts as active, with
 * in-memory stores (every future is already complete).
 */
class IntrospectionHandlerTest {
    private static final Instant LOGIN = Instant.parse("2026-04-01T00:00:00Z");
    private static final String FAMILY = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String REFRESH_TOKEN = FAMILY + "." + "B".repeat(43);
    private static final String LEGACY_BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((OpFixture.LEGACY + ":" + OpFixture.LEGACY_SECRET).getBytes(StandardCharsets.UTF_8));

    private final Set<String> revokedGrants = new HashSet<>();
    private Optional<Instant> withdrawn = Optional.empty();

    private IntrospectionResponse introspectRefreshTokenOf(String owner) throws Exception {
        Clock clock = Clock.fixed(LOGIN.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        SigningKeys keys = SigningKeys.generate(JWSAlgorithm.ES256);
        ClientRegistry clients = ClientRegistry.parse(OpFixture.clientsJson(
                new JWKSet(SigningKeys.generateKey(JWSAlgorithm.ES256).toPublicJWK())));
        ClientAuthenticator authenticator = new ClientAuthenticator(clients, ClientAuthenticationPolicy.of(OpFixture.ISSUER),
                (namespace, value, ttl) -> Future.succeededFuture(true), clock);
        TokenGrant grant = new TokenGrant(FAMILY, owner, "pairwise-sub", List.of("openid"), LOGIN, "acr", List.of("pin"));
        RefreshTokenLookup families = (family, token) -> Future.succeededFuture(family.equals(FAMILY) && token.equals(REFRESH_TOKEN)
                ? Optional.of(new RefreshTokenLookup.Family(grant, true, Duration.ofDays(1))) : Optional.empty());
        GrantRevocations revocations = new GrantRevocations() {
            @Override
            public Future<Void> revoke(String grantId, Duration ttl) {
                revokedGrants.add(grantId);
                return Future.succeededFuture();
            }

            @Override
            public Future<Boolean> isRevoked(String grantId) {
                return Future.succeededFuture(revokedGrants.contains(grantId));
            }
        };
        ApprovalWithdrawalStore withdrawals = new ApprovalWithdrawalStore() {
            @Override
            public Future<Void> record(String clientId, String subject, Instant revokedAt, Duration ttl) {
                return Future.succeededFuture();
            }

            @Override
            public Future<Optional<Instant>> revokedAt(String clientId, String subject) {
                return Future.succeededFuture(withdrawn);
            }
        };
        TokenLookup tokens = new TokenLookup(new AccessTokenVerifier(OpFixture.ISSUER, OpFixture.ISSUER + "/userinfo",
                keys.publicJwks(), revocations, clock), families);
        IntrospectionHandler handler = new IntrospectionHandler(authenticator, tokens, revocations, withdrawals,
                OpFixture.ISSUER, clock);
        Future<IntrospectionResponse> answer = handler.handle(FormParameters.of(Map.of("token", REFRESH_TOKEN)),
                Optional.of(LEGACY_BASIC), Optional.empty());
        assertThat(answer.succeeded()).as(String.valueOf(answer.cause())).isTrue();
        return answer.result();
    }

    @Test
    void aLiveRefreshTokenIsActiveForItsOwnerOnly() throws Exception {
        IntrospectionResponse own = introspectRefreshTokenOf(OpFixture.LEGACY);
        assertThat(own.active()).isTrue();
        assertThat(own.toJsonObject()).containsEntry("client_id", OpFixture.LEGACY).containsEntry("sub", "pairwise-sub")
                .containsEntry("exp", LOGIN.plus(Duration.ofHours(1)).plus(Duration.ofDays(1)).getEpochSecond())
                .containsEntry("auth_time", LOGIN.getEpochSecond()).containsEntry("iss", OpFixture.ISSUER);
        assertThat(own.requester()).isEqualTo(OpFixture.LEGACY);
        assertThat(introspectRefreshTokenOf(OpFixture.BANK).toJsonObject()).containsExactly(Map.entry("active", false));
    }

    @Test
    void aRefreshTokenOfARevokedGrantIsInactiveEvenBeforeItsFamilyIsGone() throws Exception {
        revokedGrants.add(FAMILY);
        assertThat(introspectRefreshTokenOf(OpFixture.LEGACY).toJsonObject()).containsExactly(Map.entry("active", false));
    }

    @Test
    void aRefreshTokenIsInactiveOnceThePersonWithdrewTheApprovalAfterItsLogin() throws Exception {
        withdrawn = Optional.of(LOGIN.minusSeconds(1));
        assertThat(introspectRefreshTokenOf(OpFixture.LEGACY).active()).as("withdrawn before this login").isTrue();
        withdrawn = Optional.of(LOGIN);
        assertThat(introspectRefreshTokenOf(OpFixture.LEGACY).active()).isFalse();
    }

    @Test
    void anAccessTokenIsShownToItsClientAndItsAudienceOnly() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("client_id", "bank").audience(List.of("consent-api", "feed-api"))
                .build();
        assertThat(IntrospectionHandler.mayIntrospect("bank", claims)).isTrue();
        assertThat(IntrospectionHandler.mayIntrospect("consent-api", claims)).isTrue();
        assertThat(IntrospectionHandler.mayIntrospect("feed-api", claims)).isTrue();
        assertThat(IntrospectionHandler.mayIntrospect("legacy", claims)).isFalse();
        assertThat(IntrospectionHandler.mayIntrospect("legacy", new JWTClaimsSet.Builder().build())).isFalse();
    }
}
