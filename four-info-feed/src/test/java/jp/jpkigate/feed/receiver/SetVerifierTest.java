package jp.jpkigate.feed.receiver;

import static jp.jpkigate.feed.set.SetFixtures.BANK;
import static jp.jpkigate.feed.set.SetFixtures.BANK_EC;
import static jp.jpkigate.feed.set.SetFixtures.BANK_RSA;
import static jp.jpkigate.feed.set.SetFixtures.ISSUER;
import static jp.jpkigate.feed.set.SetFixtures.NOW;
import static jp.jpkigate.feed.set.SetFixtures.OP_KEY;
import static jp.jpkigate.feed.set.SetFixtures.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.feed.set.EventTypes;
import jp.jpkigate.feed.set.IssuedSet;
import jp.jpkigate.feed.set.SetFixtures;
import jp.jpkigate.feed.set.SetIssuer;
import jp.jpkigate.testing.MutableClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue → verify for both key types, and every tampering refused with its RFC 8935 error. */
class SetVerifierTest {
    private static final JWKSet OP_JWKS = new JWKSet(OP_KEY).toPublicJWKSet();

    private final MutableClock clock = new MutableClock(NOW);
    private final SetIssuer issuer = SetFixtures.issuer(clock);
    private final InMemoryReplayGuard replays = new InMemoryReplayGuard(1000, Duration.ofDays(7), clock);
    private final SetVerifier verifier = verifier(BANK);

    private SetVerifier verifier(String clientId) {
        return new SetVerifier(ISSUER, clientId, new JWKSet(List.of(BANK_EC, BANK_RSA)), replays, clock, Duration.ofMinutes(1),
                Duration.ofDays(7));
    }

    private static void refused(ThrowingCallable call, SetError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SetRejectedException.class, e -> {
            assertThat(e.error()).as(e.description()).isEqualTo(error);
            assertThat(e.description()).isNotBlank();
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anIssuedSetVerifiesOnceAndIsThenADuplicate(boolean rsa) throws Exception {
        JWK key = rsa ? BANK_RSA : BANK_EC;
        IssuedSet set = issuer.issue(BANK, key.toPublicJWK(), SetFixtures.moved(), Optional.of("t-1"));
        SetVerifier.Outcome first = verifier.verify(set.token(), OP_JWKS);
        assertThat(first).isInstanceOfSatisfying(SetVerifier.Outcome.Accepted.class, accepted -> {
            assertThat(accepted.set().jti()).isEqualTo(set.jti());
            assertThat(accepted.set().issuer()).isEqualTo(ISSUER);
            assertThat(accepted.set().issuedAt()).isEqualTo(NOW);
            assertThat(accepted.set().txn()).contains("t-1");
            assertThat(accepted.set().event()).isEqualTo(SetFixtures.moved());
            assertThat(accepted.set().toJson().getString("type")).isEqualTo(EventTypes.FOUR_INFORMATION_CHANGED);
        });
        assertThat(verifier.verify(set.token(), OP_JWKS)).isEqualTo(new SetVerifier.Outcome.Duplicate(set.jti()));
        IssuedSet withdrawal = issuer.issue(BANK, key.toPublicJWK(), SetFixtures.withdrawn(), Optional.empty());
        assertThat(((SetVerifier.Outcome.Accepted) verifier.verify(withdrawal.token(), OP_JWKS)).set().event())
                .isEqualTo(SetFixtures.withdrawn());
    }

    @Test
    void encryptedToAnotherKeyIsInvalidKey() {
        JWK stranger = SetFixtures.encryptionKey("bank-ec", false);
        refused(() -> verifier.verify(issuer.issue(BANK, stranger.toPublicJWK(), SetFixtures.moved(), Optional.empty()).token(),
                OP_JWKS), SetError.INVALID_KEY);
        JWK unknownKid = SetFixtures.encryptionKey("other", false);
        refused(() -> verifier.verify(issuer.issue(BANK, unknownKid.toPublicJWK(), SetFixtures.moved(), Optional.empty()).token(),
                OP_JWKS), SetError.INVALID_KEY);
    }

    @Test
    void wrongAudienceOrIssuer() {
        refused(() -> verifier.verify(issuer.issue("carrier", BANK_EC.toPublicJWK(), SetFixtures.moved(), Optional.empty()).token(),
                OP_JWKS), SetError.INVALID_AUDIENCE);
        refused(() -> verifier.verify(SetFixtures.forge(SetFixtures.claims(SetFixtures.moved()).audience(List.of(BANK, "x")).build(),
                BANK_EC), OP_JWKS), SetError.INVALID_AUDIENCE);
        SetIssuer other = new SetIssuer("https://evil.example", SetFixtures.opKeys(), clock, new java.security.SecureRandom());
        refused(() -> verifier.verify(other.issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.moved(), Optional.empty()).token(), OP_JWKS),
                SetError.INVALID_ISSUER);
    }

    @Test
    void unsignedOrWronglySignedInnerJwts() {
        JWTClaimsSet claims = SetFixtures.claims(SetFixtures.moved()).build();
        String none = SetFixtures.encrypt(new PlainJWT(claims).serialize(), BANK_EC, BANK_EC.getKeyID());
        refused(() -> verifier.verify(none, OP_JWKS), SetError.AUTHENTICATION_FAILED);
        String impostor = SetFixtures.forge(claims, OTHER_KEY, OP_KEY.getKeyID(), EventTypes.SECEVENT_JWT, BANK_EC);
        refused(() -> verifier.verify(impostor, OP_JWKS), SetError.AUTHENTICATION_FAILED);
        String unknown = SetFixtures.forge(claims, OTHER_KEY, OTHER_KEY.getKeyID(), EventTypes.SECEVENT_JWT, BANK_EC);
        assertThatThrownBy(() -> verifier.verify(unknown, OP_JWKS)).isInstanceOfSatisfying(SetRejectedException.class, e -> {
            assertThat(e.error()).isEqualTo(SetError.INVALID_KEY);
            assertThat(e.unknownSigningKey()).isTrue();
        });
        String wrongTyp = SetFixtures.forge(claims, OP_KEY, OP_KEY.getKeyID(), JOSEObjectType.JWT, BANK_EC);
        refused(() -> verifier.verify(wrongTyp, OP_JWKS), SetError.INVALID_REQUEST);
        // a business's encryption key in the OP's set never verifies
        String byEncKey = SetFixtures.forge(claims, OTHER_KEY, "enc", EventTypes.SECEVENT_JWT, BANK_EC);
        JWKSet withEncKey = new JWKSet(List.of(OP_KEY.toPublicJWK(), new com.nimbusds.jose.jwk.ECKey.Builder(
                OTHER_KEY.toPublicJWK().toECKey()).keyID("enc").keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).algorithm(null).build()));
        refused(() -> verifier.verify(byEncKey, withEncKey), SetError.INVALID_KEY);
    }

    @Test
    void theOuterLayerMustBeAnEncryptedJwt() throws Exception {
        String jws = com.nimbusds.jose.JWEObject.parse(issuer.issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.moved(),
                Optional.empty()).token()).getHeader().toBase64URL() + ".x.y";
        refused(() -> verifier.verify(jws, OP_JWKS), SetError.INVALID_REQUEST);
        com.nimbusds.jwt.SignedJWT signedOnly = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.ES256).keyID(OP_KEY.getKeyID()).type(EventTypes.SECEVENT_JWT).build(),
                SetFixtures.claims(SetFixtures.moved()).build());
        signedOnly.sign(jp.jpkigate.idp.key.JwsAlgorithms.signer(OP_KEY, com.nimbusds.jose.JWSAlgorithm.ES256));
        refused(() -> verifier.verify(signedOnly.serialize(), OP_JWKS), SetError.INVALID_REQUEST);
        refused(() -> verifier.verify("", OP_JWKS), SetError.INVALID_REQUEST);
        refused(() -> verifier.verify("a.b.c.d.e", OP_JWKS), SetError.INVALID_REQUEST);
        String token = issuer.issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.moved(), Optional.empty()).token();
        String flipped = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        refused(() -> verifier.verify(flipped, OP_JWKS), SetError.INVALID_KEY);
    }

    @Test
    void issuedAtInTheFutureOrTooOld() throws Exception {
        refused(() -> verifier.verify(SetFixtures.forge(SetFixtures.claims(SetFixtures.moved())
                .issueTime(Date.from(NOW.plusSeconds(120))).build(), BANK_EC), OP_JWKS), SetError.INVALID_REQUEST);
        assertThat(verifier.verify(SetFixtures.forge(SetFixtures.claims(SetFixtures.moved())
                .issueTime(Date.from(NOW.plusSeconds(50))).build(), BANK_EC), OP_JWKS)).isInstanceOf(SetVerifier.Outcome.Accepted.class);
        refused(() -> verifier.verify(SetFixtures.forge(SetFixtures.claims(SetFixtures.moved())
                .issueTime(Date.from(NOW.minus(Duration.ofDays(8)))).build(), BANK_EC), OP_JWKS), SetError.INVALID_REQUEST);
        refused(() -> verifier.verify(SetFixtures.forge(SetFixtures.claims(SetFixtures.moved()).issueTime(null).build(), BANK_EC),
                OP_JWKS), SetError.INVALID_REQUEST);
    }

    @Test
    void malformedClaimsAndEvents() {
        JWTClaimsSet.Builder base = SetFixtures.claims(SetFixtures.moved());
        List<JWTClaimsSet> bad = List.of(
                new JWTClaimsSet.Builder(base.build()).jwtID(null).build(),
                new JWTClaimsSet.Builder(base.build()).claim("events", Map.of()).build(),
                new JWTClaimsSet.Builder(base.build()).claim("events", Map.of(EventTypes.CONSENT_WITHDRAWN,
                        Map.of("customer_number", "1"), EventTypes.FOUR_INFORMATION_CHANGED, Map.of())).build(),
                new JWTClaimsSet.Builder(base.build()).claim("events", Map.of("https://example/other", Map.of())).build(),
                new JWTClaimsSet.Builder(base.build()).claim("events", Map.of(EventTypes.FOUR_INFORMATION_CHANGED,
                        Map.of("customer_number", "1", "changed", List.of("address"), "values", Map.of("address", 7)))).build(),
                new JWTClaimsSet.Builder(base.build()).claim("events", Map.of(EventTypes.FOUR_INFORMATION_CHANGED,
                        Map.of("customer_number", "1", "changed", List.of("mynumber"), "values", Map.of()))).build(),
                new JWTClaimsSet.Builder(base.build()).claim("sub_id", Map.of("format", "email", "id", "a@b")).build(),
                new JWTClaimsSet.Builder(base.build()).claim("toe", "yesterday").build(),
                new JWTClaimsSet.Builder(base.build()).claim("txn", 7).build());
        for (JWTClaimsSet claims : bad) {
            refused(() -> verifier.verify(SetFixtures.forge(claims, BANK_EC), OP_JWKS), SetError.INVALID_REQUEST);
        }
    }

    @Test
    void aRefusedSetDoesNotUseUpItsJti() throws Exception {
        JWTClaimsSet claims = SetFixtures.claims(SetFixtures.moved()).jwtID("once").build();
        refused(() -> verifier(BANK + "2").verify(SetFixtures.forge(claims, BANK_EC), OP_JWKS), SetError.INVALID_AUDIENCE);
        assertThat(verifier.verify(SetFixtures.forge(claims, BANK_EC), OP_JWKS)).isInstanceOf(SetVerifier.Outcome.Accepted.class);
    }
}
