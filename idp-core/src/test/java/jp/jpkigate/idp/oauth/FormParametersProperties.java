package jp.jpkigate.idp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;

class FormParametersProperties {
    @Property(tries = 500)
    void arbitraryBytesParseOrAreInvalidRequest(@ForAll @Size(max = 200) byte[] body) {
        try {
            FormParameters.parse(body);
        } catch (OAuthException e) {
            assertThat(e.error().code()).isEqualTo("invalid_request");
        }
    }

    @Property(tries = 300)
    void arbitraryCharactersParseOrAreInvalidRequest(@ForAll @StringLength(max = 200) String body) {
        try {
            FormParameters.parse(body.getBytes(StandardCharsets.UTF_8));
        } catch (OAuthException e) {
            assertThat(e.error().code()).isEqualTo("invalid_request");
        }
    }

    @Property(tries = 200)
    void encodedMapsRoundTrip(@ForAll @Size(max = 8) @UniqueElements Map<@StringLength(min = 1, max = 20) String, @StringLength(max = 40) String> map)
            throws OAuthException {
        String body = map.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        boolean surrogateFree = map.entrySet().stream()
                .allMatch(e -> (e.getKey() + e.getValue()).chars().noneMatch(c -> Character.isSurrogate((char) c)));
        if (surrogateFree) {
            assertThat(FormParameters.parse(body.getBytes(StandardCharsets.UTF_8)).asMap())
                    .isEqualTo(FormParameters.of(map).asMap());
        }
    }
}
