package jp.jpkigate.idp.logout;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.login.SignerIdentity;
import jp.jpkigate.idp.session.SessionClient;
import jp.jpkigate.idp.session.SsoSession;
import jp.jpkigate.idp.subject.CertificatePersonKeys;
import jp.jpkigate.idp.subject.PairwiseSubjects;
import org.junit.jupiter.api.Test;

/**
 * Back-channel delivery with a scripted sender (no network, no timers): who gets a token, what
 * is tried again (network failures, 5xx, 429) and what is not (4xx), with doubling pauses.
 */
class BackChannelLogoutTest {
    private static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");
    private static final URI BCL = URI.create("https://rp.bank.example/bcl");

    /** Answers from a script; records every post and pause. */
    static final class ScriptedSender implements LogoutTokenSender {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<String> tokens = new ArrayList<>();
        final List<Duration> pauses = new ArrayList<>();

        @Override
        public Future<Integer> post(URI uri, String logoutToken, Duration timeout) {
            assertThat(uri).isEqualTo(BCL);
            tokens.add(logoutToken);
            Object answer = answers.isEmpty() ? 200 : answers.poll();
            return answer instanceof Integer status ? Future.succeededFuture(status)
                    : Future.failedFuture(new java.net.ConnectException("refused"));
        }

        @Override
        public Future<Void> pause(Duration delay) {
            pauses.add(delay);
            return Future.succeededFuture();
        }
    }

    private static BackChannelLogout backChannel(ScriptedSender sender) throws Exception {
        ClientRegistry clients = ClientRegistry.parse("[{\"client_id\":\"bank\",\"fapi\":false,"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\",\"client_secret_sha256\":\"" + "ab".repeat(32) + "\","
                + "\"redirect_uris\":[\"https://rp.bank.example/cb\"],\"backchannel_logout_uri\":\"" + BCL + "\"},"
                + "{\"client_id\":\"quiet\",\"fapi\":false,\"token_endpoint_auth_method\":\"client_secret_basic\","
                + "\"client_secret_sha256\":\"" + "cd".repeat(32) + "\",\"redirect_uris\":[\"https://quiet.example/cb\"]}]");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new BackChannelLogout(clients,
                new PairwiseSubjects("a-test-pairwise-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8),
                        CertificatePersonKeys.INSTANCE),
                new LogoutTokens("https://op.example", SigningKeys.generate(JWSAlgorithm.ES256), Duration.ofMinutes(2), clock,
                        new SecureRandom()),
                sender, BackChannelOptions.defaults());
    }

    private static SsoSession session() {
        SignerIdentity card = new SignerIdentity(JpkiCertificateType.AUTH_CARD, BigInteger.TWO, "sim:auth", NOW, Optional.empty());
        return new SsoSession("person", card, NOW, NOW.plusSeconds(3600), Map.of(
                "bank", new SessionClient("bank", "sid-bank", List.of("g1")),
                "quiet", new SessionClient("quiet", "sid-quiet", List.of()),
                "gone", new SessionClient("gone", "sid-gone", List.of())));
    }

    @Test
    void onlyClientsWithABackChannelUriGetAToken() throws Exception {
        ScriptedSender sender = new ScriptedSender();
        assertThat(backChannel(sender).notifyClients(session()).succeeded()).isTrue();
        assertThat(sender.tokens).hasSize(1);
        SignedJWT token = SignedJWT.parse(sender.tokens.get(0));
        assertThat(token.getHeader().getType().getType()).isEqualTo("logout+jwt");
        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("bank");
        assertThat(token.getJWTClaimsSet().getStringClaim("sid")).isEqualTo("sid-bank");
        assertThat(token.getJWTClaimsSet().getClaim("nonce")).isNull();
        assertThat(sender.pauses).isEmpty();
    }

    @Test
    void networkFailuresAndServerErrorsAreTriedAgainWithDoublingPauses() throws Exception {
        ScriptedSender sender = new ScriptedSender();
        sender.answers.add("network");
        sender.answers.add(503);
        sender.answers.add(204);
        assertThat(backChannel(sender).notifyClients(session()).succeeded()).isTrue();
        assertThat(sender.tokens).hasSize(3).containsOnly(sender.tokens.get(0));
        assertThat(sender.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRefusalIsNotRepeatedAndGivingUpNeverFails() throws Exception {
        ScriptedSender refused = new ScriptedSender();
        refused.answers.add(400);
        assertThat(backChannel(refused).notifyClients(session()).succeeded()).isTrue();
        assertThat(refused.tokens).hasSize(1);

        ScriptedSender down = new ScriptedSender();
        for (int i = 0; i < 5; i++) {
            down.answers.add(i % 2 == 0 ? 500 : 429);
        }
        assertThat(backChannel(down).notifyClients(session()).succeeded()).isTrue();
        assertThat(down.tokens).hasSize(BackChannelOptions.defaults().attempts());
    }
}
