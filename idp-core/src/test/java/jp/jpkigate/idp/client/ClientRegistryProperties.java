package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Malformed registry JSON never throws anything but {@link ClientRegistryException}. */
class ClientRegistryProperties {
    @Property(tries = 300)
    void arbitraryTextIsOnlyTheTypedError(@ForAll String text) {
        parseOnlyTyped(text);
    }

    @Property(tries = 400)
    void arbitraryJsonLikeStructuresAreOnlyTheTypedError(@ForAll("registries") String json) {
        parseOnlyTyped(json);
    }

    private static void parseOnlyTyped(String json) {
        try {
            ClientRegistry registry = ClientRegistry.parse(json);
            assertThat(registry.all()).allSatisfy(c -> assertThat(c.redirectUris().isEmpty())
                    .isEqualTo(!c.grantTypes().contains(GrantTypes.AUTHORIZATION_CODE)));
        } catch (ClientRegistryException e) {
            assertThat(e.problems()).isNotEmpty();
        }
    }

    private static final List<String> MEMBERS = List.of("client_id", "redirect_uris", "token_endpoint_auth_method",
            "jwks", "jwks_uri", "fapi", "require_pushed_authorization_requests", "dpop_bound_access_tokens", "scope", "sector_identifier_uri",
            "sector_name", "grant_types", "response_types", "subject_type", "client_secret_sha256", "client_name", "other");

    @Provide
    Arbitrary<String> registries() {
        Arbitrary<String> member = Arbitraries.of(MEMBERS).flatMap(name -> value(2).map(v -> quote(name) + ":" + v));
        Arbitrary<String> client = member.list().ofMaxSize(8).map(ms -> "{" + String.join(",", ms) + "}");
        return Arbitraries.oneOf(client, value(2)).list().ofMaxSize(4).map(cs -> "[" + String.join(",", cs) + "]");
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e309", "\"\"", "\"openid\"", "\"private_key_jwt\"",
                        "\"client_secret_basic\"", "\"client_credentials\"", "\"authorization_code\"", "\"feed:read\"",
                        "\"https://rp.example/cb\"", "\"http://localhost/cb\"", "\"http://[::1\"",
                        "\"%zz\"", "\"https://a.example/cb#f\"", "\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"",
                        "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}",
                        "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"}]}", "{\"keys\":7}"),
                Arbitraries.strings().ofMaxLength(12).map(ClientRegistryProperties::quote));
        if (depth == 0) {
            return scalars;
        }
        return Arbitraries.oneOf(scalars,
                value(depth - 1).list().ofMaxSize(3).map(vs -> "[" + String.join(",", vs) + "]"),
                Arbitraries.maps(Arbitraries.of(MEMBERS), value(depth - 1)).ofMaxSize(3)
                        .map(m -> m.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                                .collect(Collectors.joining(",", "{", "}"))));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

}
