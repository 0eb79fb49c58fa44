package jp.jpkigate.idp.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormParametersTest {
    private static FormParameters parse(String body) throws OAuthException {
        return FormParameters.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesPercentPlusAndUtf8AndDropsEmptyValues() throws Exception {
        FormParameters p = parse("scope=openid+profile&state=%E6%97%A5%E6%9C%AC&nonce=&x=%2B&&claims=%7B%7D");
        assertThat(p.get("scope")).contains("openid profile");
        assertThat(p.get("state")).contains("日本");
        assertThat(p.get("x")).contains("+");
        assertThat(p.has("nonce")).isFalse();
        assertThat(p.get("claims")).contains("{}");
        assertThat(p.toString()).doesNotContain("openid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1&a=2", "a=&a=1", "a=%zz", "a=%4", "a=%C3%28", "=x"})
    void malformedOrRepeatedIsInvalidRequest(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.error().code()).isEqualTo("invalid_request"));
    }

    @Test
    void nonUtf8BodyIsInvalidRequest() {
        assertThatThrownBy(() -> FormParameters.parse(new byte[] {'a', '=', (byte) 0xff}))
                .isInstanceOf(OAuthException.class);
    }

    @Test
    void errorCatalogueRefinesByCopying() {
        OAuthError refined = OAuthError.INVALID_CLIENT.withDescription("bad \"quote\" \\ and\nnewline");
        assertThat(OAuthError.INVALID_CLIENT.description()).isEmpty();
        assertThat(refined.httpStatus()).isEqualTo(401);
        assertThat(refined.description()).contains("bad ?quote? ? and?newline");
        assertThat(refined.toJsonObject()).containsEntry("error", "invalid_client").containsKey("error_description");
        assertThat(OAuthError.INVALID_REQUEST.withStatus(413).httpStatus()).isEqualTo(413);
        assertThat(OAuthError.SERVER_ERROR.toJsonObject()).containsOnlyKeys("error");
    }
}
