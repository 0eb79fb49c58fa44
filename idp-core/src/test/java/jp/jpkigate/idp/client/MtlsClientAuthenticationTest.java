package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.mtls.ClientCertificateTrust;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.store.ReplayCache;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.testing.TestPki;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

/** RFC 8705 §2 client authentication, without Vert.x: the futures complete at once. */
class MtlsClientAuthenticationTest {
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String DN = "CN=tls-bank,O=Example Bank,C=JP";
    private static final TestPki CA = TestPki.create("Client CA", NOW);
    private static final TestPki UNTRUSTED = TestPki.create("Client CA", NOW);
    private static final KeyPair SELF_KEYS = TestPki.ecKeys();
    private static final KeyPair ROTATED_KEYS = TestPki.ecKeys();
    private static final String CLIENTS = "[" + client("tls-bank", "\"token_endpoint_auth_method\":\"tls_client_auth\","
            + "\"tls_client_auth_subject_dn\":\"" + DN + "\"")
            + "," + client("tls-san", "\"token_endpoint_auth_method\":\"tls_client_auth\",\"tls_client_auth_san_dns\":\"api.bank.example\"")
            + "," + client("self-bank", "\"token_endpoint_auth_method\":\"self_signed_tls_client_auth\",\"jwks\":" + jwks(SELF_KEYS))
            + "," + client("self-remote", "\"token_endpoint_auth_method\":\"self_signed_tls_client_auth\","
            + "\"jwks_uri\":\"https://rp.bank.example/jwks\"")
            + "," + client("bank", "\"jwks\":" + jwks(SELF_KEYS)) + "]";

    private final AtomicInteger refreshes = new AtomicInteger();
    private final ClientAuthenticator authenticator = authenticator();

    private static String client(String id, String members) {
        return "{\"client_id\":\"" + id + "\",\"redirect_uris\":[\"https://rp.bank.example/cb\"]," + members + "}";
    }

    private static String jwks(KeyPair keys) {
        return new JWKSet(new ECKey.Builder(Curve.P_256, (ECPublicKey) keys.getPublic()).build()).toString();
    }

    /** Inline keys, and for self-remote a jwks_uri that serves the rotated key only once refetched. */
    private ClientAuthenticator authenticator() {
        ClientKeys keys = new ClientKeys() {
            @Override
            public Future<JWKSet> keys(RegisteredClient client) {
                return client.jwksUri().isPresent() ? Future.succeededFuture(new JWKSet()) : ClientKeys.inline().keys(client);
            }

            @Override
            public Future<JWKSet> refresh(RegisteredClient client) {
                refreshes.incrementAndGet();
                return client.jwksUri().isPresent() ? Future.succeededFuture(parse(jwks(ROTATED_KEYS))) : keys(client);
            }
        };
        ReplayCache replays = (namespace, value, ttl) -> Future.succeededFuture(true);
        try {
            return new ClientAuthenticator(ClientRegistry.parse(CLIENTS), ClientAuthenticationPolicy.of(OpFixture.ISSUER), replays,
                    keys, new ClientCertificateTrust(List.of(CA.caCertificate()), CLOCK), CLOCK);
        } catch (ClientRegistryException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWKSet parse(String json) {
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private Future<RegisteredClient> authenticate(String clientId, TestPki.Issued certificate) throws OAuthException {
        Optional<ClientCertificate> presented = Optional.ofNullable(certificate).map(c -> ClientCertificate.of(c.certificate()));
        return authenticator.authenticate(ClientCredentials.parse(FormParameters.of(Map.of("client_id", clientId)), Optional.empty(),
                presented));
    }

    @Test
    void tlsClientAuthNeedsTheRegisteredSubjectFromATrustedCa() throws Exception {
        assertThat(authenticate("tls-bank", CA.client(DN)).result().clientId()).isEqualTo("tls-bank");
        assertThat(ClientAuthenticatorTest.failure(authenticate("tls-bank", CA.client("CN=tls-bank2,O=Example Bank,C=JP")))).contains("registered subject");
        assertThat(ClientAuthenticatorTest.failure(authenticate("tls-bank", UNTRUSTED.client(DN)))).contains("trusted client CA");
        assertThat(ClientAuthenticatorTest.failure(authenticate("tls-bank", CA.client(DN, NOW.minus(Duration.ofDays(9)), NOW.minusSeconds(1)))))
                .as("expired at the injected clock").contains("trusted client CA");
        assertThat(ClientAuthenticatorTest.failure(authenticate("tls-bank", TestPki.selfSigned(DN, TestPki.ecKeys(), NOW)))).contains("trusted client CA");
        assertThat(ClientAuthenticatorTest.failure(authenticate("tls-bank", null))).contains("no client certificate");
        assertThat(authenticate("tls-san", CA.client("CN=whatever",
                new GeneralName(GeneralName.dNSName, "api.bank.example")))
                .succeeded()).isTrue();
    }

    @Test
    void selfSignedNeedsACertificateCarryingARegisteredKey() throws Exception {
        assertThat(authenticate("self-bank", TestPki.selfSigned("CN=anything", SELF_KEYS, NOW)).result().clientId())
                .isEqualTo("self-bank");
        assertThat(authenticate("self-bank", TestPki.selfSigned("CN=anything", SELF_KEYS, NOW.minus(Duration.ofDays(900))))
                .succeeded()).as("the registration is the trust: no validity check").isTrue();
        assertThat(ClientAuthenticatorTest.failure(authenticate("self-bank", TestPki.selfSigned("CN=anything", TestPki.ecKeys(), NOW))))
                .contains("registered keys");
        assertThat(ClientAuthenticatorTest.failure(authenticate("self-bank", null))).contains("no client certificate");
    }

    @Test
    void aRotatedKeyAtTheJwksUriIsFoundByOneRefetch() throws Exception {
        assertThat(authenticate("self-remote", TestPki.selfSigned("CN=x", ROTATED_KEYS, NOW)).succeeded()).isTrue();
        assertThat(refreshes.get()).isEqualTo(1);
        assertThat(ClientAuthenticatorTest.failure(authenticate("self-remote", TestPki.selfSigned("CN=x", SELF_KEYS, NOW)))).contains("registered keys");
    }

    @Test
    void theClientIdAloneIsMutualTlsForMutualTlsClientsOnly() throws Exception {
        assertThat(ClientAuthenticatorTest.failure(authenticate("bank", TestPki.selfSigned("CN=x", SELF_KEYS, NOW)))).contains("private_key_jwt");
        assertThat(ClientAuthenticatorTest.failure(authenticate("nobody", CA.client(DN)))).contains("unknown client");
        assertThatThrownBy(() -> ClientCredentials.parse(FormParameters.of(Map.of()), Optional.empty(),
                Optional.of(ClientCertificate.of(CA.client(DN).certificate()))))
                .as("RFC 8705 section 2: client_id is required").isInstanceOfSatisfying(OAuthException.class,
                        e -> assertThat(e.error().description()).contains("client authentication required"));
        assertThat(ClientCredentials.parse(FormParameters.of(Map.of("client_id", "tls-bank")), Optional.empty(),
                Optional.of(ClientCertificate.of(CA.client(DN).certificate()))).toString())
                .isEqualTo("MutualTls[tls-bank]");
    }
}
