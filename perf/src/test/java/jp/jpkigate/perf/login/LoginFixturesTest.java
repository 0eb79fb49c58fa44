package jp.jpkigate.perf.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import jp.jpkigate.idp.client.ClientAssertionVerifier;
import jp.jpkigate.idp.client.ClientAuthenticationPolicy;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.jpki.ExpectedType;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.JpkiVerifierOptions;
import jp.jpkigate.idp.jpki.RevocationStatus;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.idp.jpki.VerificationRequest;
import jp.jpkigate.idp.login.LoginSigningInput;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.registry.SimState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load test's pieces against the OP's own checks, so the default build notices when they drift
 * apart (the simulations run only with {@code perf/run.sh}): the fixtures' clients file
 * parses, the relying party's client assertion verifies, and each fixture card's login signature
 * verifies for both certificate kinds.
 */
class LoginFixturesTest {
    private static final String ISSUER = "http://localhost:18080";

    @Test
    void fixturesCardsAndClientAssertionPassTheGatewaysChecks(@TempDir Path dir) throws Exception {
        LoginFixtures.main(new String[] {dir.toString(), "2"});
        assertThat(LoginFixtures.issuePeople(LoginFixtures.simDir(dir), 2)).isZero();

        ClientRegistry clients = ClientRegistry.parse(Files.readString(dir.resolve(LoginFixtures.CLIENTS_FILE)),
                OpenIdProviderConfig.defaults(ISSUER).scopesSupported());
        RegisteredClient client = clients.find(LoginFixtures.CLIENT_ID).orElseThrow();
        JWK key = JWK.parse(Files.readString(dir.resolve(LoginFixtures.CLIENT_KEY_FILE)));
        String assertion = ClientAssertions.sign(key, LoginFixtures.CLIENT_ID, ISSUER, Instant.now(), new SecureRandom());
        new ClientAssertionVerifier(ClientAuthenticationPolicy.of(ISSUER))
                .verify(ClientAssertionVerifier.parse(assertion), client, client.jwks().orElseThrow(), Instant.now());

        SimState sim = SimState.open(LoginFixtures.simDir(dir), Clock.systemUTC(), new SecureRandom());
        JpkiVerifier verifier = new JpkiVerifier(
                TrustAnchors.of("sim", sim.cas().all().stream().map(SimCa::certificate).toList()),
                query -> CompletableFuture.completedFuture(RevocationStatus.good(Instant.now())), Clock.systemUTC(),
                JpkiVerifierOptions.defaults());
        byte[] data = LoginSigningInput.of(ISSUER, "txn", "challenge", LoginFixtures.CLIENT_ID,
                Instant.now().plusSeconds(300).getEpochSecond());
        VirtualCards cards = VirtualCards.load(LoginFixtures.simDir(dir), 0);
        assertThat(cards.size()).isEqualTo(2);
        for (String kind : new String[] {"auth", "sign"}) {
            JsonObject body = new JsonObject(VirtualCards.sign((String) cards.next().get(VirtualCards.CARD), kind, data));
            JpkiCertificateType.Purpose purpose = kind.equals("sign")
                    ? JpkiCertificateType.Purpose.SIGNATURE : JpkiCertificateType.Purpose.AUTHENTICATION;
            assertThat(verifier.verifyOffline(new VerificationRequest(decode(body, "certificate"), decode(body, "signature"),
                    data, ExpectedType.of(purpose, JpkiCertificateType.Device.CARD))).type().purpose()).isEqualTo(purpose);
        }
        assertThat(Files.readString(dir.resolve(LoginFixtures.CLIENTS_FILE), StandardCharsets.UTF_8)).doesNotContain("\"d\"");
    }

    private static byte[] decode(JsonObject body, String field) {
        return Base64.getDecoder().decode(body.getString(field));
    }
}
