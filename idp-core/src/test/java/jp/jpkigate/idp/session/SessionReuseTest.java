package jp.jpkigate.idp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import jp.jpkigate.idp.jpki.FourInformation;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.login.LoginAcr;
import jp.jpkigate.idp.login.SignerIdentity;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.CodeChallenge;
import jp.jpkigate.idp.par.Prompt;
import jp.jpkigate.idp.session.SessionReuse.Decision;
import org.junit.jupiter.api.Test;

/** When a session stands in for the card: each rule on its own, and the session's own limits. */
class SessionReuseTest {
    private static final Instant SIGNED = Instant.parse("2026-04-01T00:00:00Z");
    private static final SignerIdentity CARD = new SignerIdentity(JpkiCertificateType.AUTH_CARD, BigInteger.TEN,
            "sim:auth", SIGNED, Optional.empty());
    private static final SsoSession SESSION = SsoSession.open("person", CARD, SIGNED, SessionOptions.defaults());

    private static AuthorizationRequest request(List<String> scopes, Set<Prompt> prompt, OptionalLong maxAge, List<String> acrs,
                                                Optional<String> claims) {
        return new AuthorizationRequest("bank", URI.create("https://rp.bank.example/cb"), scopes,
                new CodeChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), Optional.of("st"), Optional.empty(), prompt,
                maxAge, acrs, claims);
    }

    private static AuthorizationRequest plain() {
        return request(List.of("openid", "profile"), Set.of(), OptionalLong.empty(), List.of(), Optional.empty());
    }

    private static Decision decide(AuthorizationRequest request, Duration after) {
        return SessionReuse.decide(request, Optional.of(SESSION), SIGNED.plus(after));
    }

    @Test
    void aPlainRequestIsAnsweredByTheSession() {
        assertThat(decide(plain(), Duration.ofMinutes(10))).isEqualTo(Decision.REUSE);
        assertThat(SessionReuse.decide(plain(), Optional.empty(), SIGNED)).isEqualTo(Decision.CARD);
    }

    @Test
    void theFourInformationAlwaysNeedTheCard() {
        assertThat(decide(request(List.of("openid", "birthdate"), Set.of(), OptionalLong.empty(), List.of(), Optional.empty()),
                Duration.ZERO)).isEqualTo(Decision.CARD);
        assertThat(decide(request(List.of("openid"), Set.of(), OptionalLong.empty(), List.of(),
                Optional.of("{\"userinfo\":{\"verified_claims\":{\"claims\":{\"name\":null}}}}")), Duration.ZERO))
                .isEqualTo(Decision.CARD);
        assertThat(decide(request(List.of("openid", "gender"), Set.of(Prompt.NONE), OptionalLong.empty(), List.of(),
                Optional.empty()), Duration.ZERO)).isEqualTo(Decision.LOGIN_REQUIRED);
    }

    @Test
    void promptLoginAndSelectAccountNeedTheCard() {
        for (Prompt prompt : List.of(Prompt.LOGIN, Prompt.SELECT_ACCOUNT)) {
            assertThat(decide(request(List.of("openid"), Set.of(prompt), OptionalLong.empty(), List.of(), Optional.empty()),
                    Duration.ZERO)).isEqualTo(Decision.CARD);
        }
        assertThat(decide(request(List.of("openid"), Set.of(Prompt.CONSENT), OptionalLong.empty(), List.of(), Optional.empty()),
                Duration.ZERO)).isEqualTo(Decision.REUSE);
    }

    @Test
    void maxAgeCountsFromTheCardsSignature() {
        AuthorizationRequest minute = request(List.of("openid"), Set.of(), OptionalLong.of(60), List.of(), Optional.empty());
        assertThat(decide(minute, Duration.ofSeconds(60))).isEqualTo(Decision.REUSE);
        assertThat(decide(minute, Duration.ofSeconds(61))).isEqualTo(Decision.CARD);
        assertThat(decide(request(List.of("openid"), Set.of(), OptionalLong.of(0), List.of(), Optional.empty()), Duration.ZERO))
                .isEqualTo(Decision.CARD);
    }

    @Test
    void requestedAcrsMustIncludeTheSessions() {
        assertThat(decide(request(List.of("openid"), Set.of(), OptionalLong.empty(), List.of(LoginAcr.SIGNATURE), Optional.empty()),
                Duration.ZERO)).isEqualTo(Decision.CARD);
        assertThat(decide(request(List.of("openid"), Set.of(), OptionalLong.empty(), List.of(LoginAcr.SIGNATURE, LoginAcr.AUTHENTICATION),
                Optional.empty()), Duration.ZERO)).isEqualTo(Decision.REUSE);
        assertThat(decide(request(List.of("openid"), Set.of(), OptionalLong.empty(), List.of(),
                Optional.of("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"" + LoginAcr.SIGNATURE + "\"]}}}")),
                Duration.ZERO)).isEqualTo(Decision.CARD);
        assertThat(decide(request(List.of("openid"), Set.of(), OptionalLong.empty(), List.of(),
                Optional.of("{\"id_token\":{\"acr\":{\"value\":\"" + LoginAcr.AUTHENTICATION + "\"}}}")),
                Duration.ZERO)).isEqualTo(Decision.REUSE);
    }

    @Test
    void idleAndAbsoluteLimits() {
        Duration idle = SessionOptions.defaults().idleTimeout();
        assertThat(SESSION.isLive(SIGNED.plus(idle).minusSeconds(1), idle)).isTrue();
        assertThat(SESSION.isLive(SIGNED.plus(idle), idle)).isFalse();
        SsoSession busy = SESSION.touched(SIGNED.plus(Duration.ofHours(7).plusMinutes(50)));
        assertThat(busy.isLive(SIGNED.plus(Duration.ofHours(7).plusMinutes(59)), idle)).isTrue();
        assertThat(busy.isLive(SIGNED.plus(Duration.ofHours(8)), idle)).isFalse();
        assertThat(busy.keepFor(SIGNED.plus(Duration.ofHours(7).plusMinutes(50)), idle)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aSessionNeverHoldsTheFourInformation() {
        SignerIdentity withFour = new SignerIdentity(JpkiCertificateType.SIGNATURE_CARD, BigInteger.ONE, "sim:sign", SIGNED,
                Optional.of(new FourInformation("髙橋 花子", "", "2", "419900102", "東京都新宿区", "")));
        assertThatThrownBy(() -> new SsoSession("person", withFour, SIGNED, SIGNED.plusSeconds(60), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SsoSession.open("person", withFour, SIGNED, SessionOptions.defaults()).signer().fourInformation()).isEmpty();
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new SessionOptions(Duration.ofHours(2), Duration.ofHours(1)))
                .hasMessageContaining("at least idleTimeout");
        assertThatThrownBy(() -> new SessionOptions(Duration.ofSeconds(30), Duration.ofDays(8)))
                .hasMessageContaining("idleTimeout").hasMessageContaining("maxLifetime");
    }
}
