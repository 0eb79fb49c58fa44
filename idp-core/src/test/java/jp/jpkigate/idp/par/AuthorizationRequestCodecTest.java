package jp.jpkigate.idp.par;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Round trip: build → encode → decode → equal (the Nimbus way). */
class AuthorizationRequestCodecTest {
    @Test
    void roundTripsFullAndMinimalRequests() {
        AuthorizationRequest full = new AuthorizationRequest("bank", URI.create("https://rp.example/cb?x=1"), List.of("openid", "name"),
                new CodeChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), Optional.of("s \"q\""), Optional.of("n"),
                Set.of(Prompt.NONE), OptionalLong.of(3600), List.of("x"), Optional.of("{\"userinfo\":{\"name\":{\"essential\":true}}}"));
        AuthorizationRequest minimal = new AuthorizationRequest("c", URI.create("http://localhost/cb"), List.of("openid"),
                new CodeChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), Optional.empty(), Optional.empty(),
                Set.of(), OptionalLong.empty(), List.of(), Optional.empty());
        assertThat(AuthorizationRequestCodec.decode(AuthorizationRequestCodec.encode(full))).isEqualTo(full);
        assertThat(AuthorizationRequestCodec.decode(AuthorizationRequestCodec.encode(minimal))).isEqualTo(minimal);
        assertThat(full.claimsObject()).containsKey("userinfo");
    }

    @Test
    void pkceS256VerifierMatchesRfc7636AppendixB() {
        CodeChallenge challenge = new CodeChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(challenge.matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isTrue();
        assertThat(challenge.matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK")).isFalse();
    }
}
