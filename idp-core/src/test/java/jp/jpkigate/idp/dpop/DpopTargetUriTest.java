package jp.jpkigate.idp.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TargetUri}: RFC 3986 §6.2.2-6.2.3 normalisation of {@code htu}, and what is not a target URI. */
class DpopTargetUriTest {
    private static final TargetUri TOKEN = TargetUri.of("https://op.jpkigate.test/token");

    @ParameterizedTest
    @ValueSource(strings = {"https://op.jpkigate.test/token", "HTTPS://OP.JPKIGATE.TEST/token", "https://op.jpkigate.test:443/token",
            "https://op.jpkigate.test/token?a=b", "https://op.jpkigate.test/token#frag", "https://op.jpkigate.test/x/../token",
            "https://op.jpkigate.test/./token"})
    void equivalentFormsNormaliseToTheSameTarget(String htu) {
        assertThat(TargetUri.parse(htu)).contains(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://op.jpkigate.test/Token", "https://op.jpkigate.test/token/", "https://op.jpkigate.test:80/token",
            "http://op.jpkigate.test/token", "https://op.jpkigate.test.evil.example/token"})
    void differentTargetsStayDifferent(String htu) {
        assertThat(TargetUri.parse(htu)).isPresent().get().isNotEqualTo(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/token", "ftp://op.jpkigate.test/token", "https://user:pw@op.jpkigate.test/token", "https:///token",
            "https://op.jpkigate.test/to ken", "urn:ietf:params:oauth:token"})
    void nonHttpTargetsAreRefused(String htu) {
        assertThat(TargetUri.parse(htu)).isEmpty();
    }

    @Test
    void defaultPortsEmptyPathsAndPercentEncodingCase() {
        assertThat(TargetUri.parse("http://localhost:80").orElseThrow().value()).isEqualTo("http://localhost/");
        assertThat(TargetUri.parse("http://localhost:8080/a%2fb").orElseThrow().value()).isEqualTo("http://localhost:8080/a%2Fb");
        assertThat(TargetUri.parse("https://[::1]:443/par").orElseThrow().value()).isEqualTo("https://[::1]/par");
    }
}
