package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import jp.jpkigate.idp.admin.RegistrationException;
import jp.jpkigate.idp.admin.RegistrationRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever body an admin sends to {@code POST /admin/clients} or {@code PUT /admin/clients/{id}},
 * reading ({@link RegistrationRequest}) and validating it ({@link ClientMetadataValidator}) ends in a
 * client or a 400 RFC 7591 error — never another exception, which would be a 500.
 */
class ClientMetadataValidatorProperties {
    private static final ClientMetadataValidator VALIDATOR = new ClientMetadataValidator(
            Set.of("openid", "profile", "name", "address", "birthdate", "gender"));

    @Property(tries = 300)
    void arbitraryTextIsAClientOrA400(@ForAll String body) {
        readOrRefuse(body);
    }

    @Property(tries = 500)
    void arbitraryJsonLikeMetadataIsAClientOrA400(@ForAll("bodies") String body) {
        readOrRefuse(body);
    }

    private static void readOrRefuse(String body) {
        try {
            Map<String, Object> metadata = RegistrationRequest.parse(body);
            metadata.putIfAbsent("client_id", "generated");
            assertThat(RegistrationRequest.validate(VALIDATOR, metadata).redirectUris()).isNotEmpty();
        } catch (RegistrationException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isIn("invalid_client_metadata", "invalid_redirect_uri");
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** Client objects of the registry's members (the file's property test), cut short, or deeply nested. */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> object = ClientRegistryProperties.value(3).map(v -> v.startsWith("{") ? v : "{\"redirect_uris\":" + v + "}");
        Arbitrary<String> truncated = object.flatMap(o -> Arbitraries.integers().between(0, Math.max(0, o.length() - 1))
                .map(cut -> o.substring(0, cut)));
        Arbitrary<String> nested = Arbitraries.integers().between(1, 3000).map(depth -> "{\"jwks\":" + "[".repeat(depth)
                + "]".repeat(depth) + "}");
        return Arbitraries.frequencyOf(Tuple.of(6, object), Tuple.of(2, truncated), Tuple.of(1, nested));
    }
}
