package jp.jpkigate.idp.client;

import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import jp.jpkigate.idp.mtls.CertificateKeys;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.mtls.ClientCertificateTrust;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.store.ReplayCache;

/**
 * Authenticates a client at the token-like endpoints (RFC 6749 §2.3): verifies the parsed
 * {@link ClientCredentials} against the client's registered method. A client using any other method
 * than its registered {@code token_endpoint_auth_method} is {@code invalid_client}, as are unknown
 * clients, bad secrets, bad or replayed assertions, and certificates that are missing, do not chain
 * to a configured client CA or name another subject ({@code tls_client_auth}, RFC 8705 §2.1) or do
 * not carry one of the client's registered keys ({@code self_signed_tls_client_auth}, §2.2; on no
 * match the client's {@code jwks_uri} is refetched once, as for a new {@code kid}). No HTTP types: the
 * endpoint parses the credentials and writes the outcome. The token, PAR, introspection and
 * revocation endpoints share one.
 */
public final class ClientAuthenticator {
    /** The {@link ReplayCache} namespace of client assertion {@code jti}s. */
    public static final String JTI_NAMESPACE = "client-assertion";

    private final ClientRegistry clients;
    private final ClientAssertionVerifier assertions;
    private final ReplayCache replays;
    private final ClientKeys keys;
    private final ClientAuthenticationPolicy policy;
    private final ClientCertificateTrust clientCas;
    private final Clock clock;

    /** With inline client keys only. */
    public ClientAuthenticator(ClientRegistry clients, ClientAuthenticationPolicy policy, ReplayCache replays, Clock clock) {
        this(clients, policy, replays, ClientKeys.inline(), clock);
    }

    /** Without client CAs: no {@code tls_client_auth} client can authenticate. */
    public ClientAuthenticator(ClientRegistry clients, ClientAuthenticationPolicy policy, ReplayCache replays,
                               ClientKeys keys, Clock clock) {
        this(clients, policy, replays, keys, ClientCertificateTrust.none(clock), clock);
    }

    public ClientAuthenticator(ClientRegistry clients, ClientAuthenticationPolicy policy, ReplayCache replays,
                               ClientKeys keys, ClientCertificateTrust clientCas, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clientCas = Objects.requireNonNull(clientCas, "clientCas");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.assertions = new ClientAssertionVerifier(policy);
        this.replays = Objects.requireNonNull(replays, "replays");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The authenticated client, or a failed future with an {@link OAuthException}. */
    public Future<RegisteredClient> authenticate(ClientCredentials credentials) {
        try {
            if (credentials instanceof ClientCredentials.ClientSecretBasic basic) {
                return Future.succeededFuture(secret(basic));
            }
            if (credentials instanceof ClientCredentials.MutualTls mutualTls) {
                return mutualTls(mutualTls);
            }
            return privateKeyJwt((ClientCredentials.PrivateKeyJwt) credentials);
        } catch (OAuthException e) {
            return Future.failedFuture(e);
        }
    }

    private RegisteredClient secret(ClientCredentials.ClientSecretBasic basic) throws OAuthException {
        RegisteredClient client = known(basic.clientId());
        if (client.authMethod() != TokenEndpointAuthMethod.CLIENT_SECRET_BASIC || client.fapi()) {
            throw OAuthError.INVALID_CLIENT.withDescription("the client must authenticate with " + client.authMethod().value()).toException();
        }
        byte[] expected = client.secretSha256().orElseThrow(
                () -> OAuthError.INVALID_CLIENT.withDescription("client authentication failed").toException());
        // Both sides are SHA-256 digests: equal length, compared in constant time.
        if (!MessageDigest.isEqual(expected, sha256(basic.secret()))) {
            throw OAuthError.INVALID_CLIENT.withDescription("client authentication failed").toException();
        }
        return client;
    }

    private Future<RegisteredClient> privateKeyJwt(ClientCredentials.PrivateKeyJwt credentials) throws OAuthException {
        SignedJWT jwt = ClientAssertionVerifier.parse(credentials.assertion());
        String claimed = ClientAssertionVerifier.claimedClientId(jwt);
        if (credentials.clientIdParameter().isPresent() && !credentials.clientIdParameter().get().equals(claimed)) {
            throw OAuthError.INVALID_CLIENT.withDescription("client_id does not match the client assertion").toException();
        }
        RegisteredClient client = known(claimed);
        if (client.authMethod() != TokenEndpointAuthMethod.PRIVATE_KEY_JWT) {
            throw OAuthError.INVALID_CLIENT.withDescription("the client must authenticate with " + client.authMethod().value()).toException();
        }
        Instant now = clock.instant();
        ClientAssertionVerifier.VerifiedAssertion verified = assertions.checkClaims(jwt, client, now);
        // Remember the jti until the assertion could no longer pass the exp check.
        Duration remaining = Duration.between(now, verified.expiresAt().plus(policy.clockSkew()));
        Duration ttl = remaining.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : remaining;
        return keys.forSignature(client, jwt)
                .compose(set -> {
                    try {
                        ClientAssertionVerifier.verifySignature(jwt, set);
                        return Future.succeededFuture();
                    } catch (OAuthException e) {
                        return Future.failedFuture(e);
                    }
                })
                .compose(v -> replays.firstUse(JTI_NAMESPACE, client.clientId() + "\n" + verified.jti(), ttl)
                .compose(first -> first
                        ? Future.succeededFuture(client)
                        : Future.failedFuture(OAuthError.INVALID_CLIENT.withDescription("client assertion replayed (jti already used)").toException())));
    }

    private Future<RegisteredClient> mutualTls(ClientCredentials.MutualTls credentials) throws OAuthException {
        RegisteredClient client = known(credentials.clientId());
        if (!client.authMethod().mutualTls()) {
            throw invalidClient("the client must authenticate with " + client.authMethod().value());
        }
        ClientCertificate certificate = credentials.certificate().orElseThrow(
                () -> invalidClient("the client must authenticate with mutual TLS: no client certificate"));
        if (client.authMethod() == TokenEndpointAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH) {
            return keys.keys(client)
                    .compose(set -> CertificateKeys.matchesAny(certificate.certificate(), set) ? Future.succeededFuture(true)
                            : keys.refresh(client).map(fresh -> CertificateKeys.matchesAny(certificate.certificate(), fresh)))
                    .compose(matches -> matches ? Future.succeededFuture(client)
                            : Future.failedFuture(invalidClient("the client certificate carries none of the client's registered keys")));
        }
        if (!clientCas.trusts(certificate)) {
            throw invalidClient("the client certificate is not from a trusted client CA");
        }
        if (client.mtls().subject().filter(subject -> subject.matches(certificate.certificate())).isEmpty()) {
            throw invalidClient("the client certificate does not name the registered subject");
        }
        return Future.succeededFuture(client);
    }

    private static OAuthException invalidClient(String description) {
        return OAuthError.INVALID_CLIENT.withDescription(description).toException();
    }

    private RegisteredClient known(String clientId) throws OAuthException {
        return clients.find(clientId).orElseThrow(
                () -> OAuthError.INVALID_CLIENT.withDescription("unknown client").toException());
    }

    /** SHA-256 of a UTF-8 secret, the form secrets are registered in. */
    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
