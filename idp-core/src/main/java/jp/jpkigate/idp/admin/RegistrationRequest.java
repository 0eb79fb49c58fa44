package jp.jpkigate.idp.admin;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.idp.admin.RegistrationException.Kind;
import jp.jpkigate.idp.client.ClientMetadataValidator;
import jp.jpkigate.idp.client.RegisteredClient;

/**
 * The body of an RFC 7591 §3.1 registration (or RFC 7592 §2.2 update) request: a JSON object of
 * client metadata, validated with the rules of the configuration file's clients. Malformed input
 * of any kind is a {@link RegistrationException}, nothing else.
 */
public final class RegistrationRequest {
    /** Members the API answers with itself; a client may send them back (GET, edit, PUT): they are ignored. */
    static final Set<String> READ_ONLY = Set.of("client_id_issued_at", "client_secret_expires_at",
            "registration_client_uri", "registration_access_token", "disabled", "source");
    private static final int MAX_CHARS = 64 * 1024;

    private RegistrationRequest() {
    }

    /** The metadata members (a mutable copy), read-only members left out. */
    public static Map<String, Object> parse(String body) throws RegistrationException {
        Map<String, Object> json;
        try {
            json = body == null || body.length() > MAX_CHARS ? null : JSONObjectUtils.parse(body);
        } catch (java.text.ParseException | RuntimeException | StackOverflowError e) {
            json = null;
        }
        if (json == null) {
            throw new RegistrationException(Kind.INVALID_CLIENT_METADATA, "the body must be a JSON object of client metadata");
        }
        Map<String, Object> metadata = new LinkedHashMap<>(json);
        metadata.keySet().removeAll(READ_ONLY);
        return metadata;
    }

    /**
     * The client the metadata describe.
     *
     * @throws RegistrationException {@code invalid_redirect_uri} when only redirect URIs are wrong,
     *                               else {@code invalid_client_metadata}, listing every problem
     */
    public static RegisteredClient validate(ClientMetadataValidator validator, Map<String, Object> metadata)
            throws RegistrationException {
        ClientMetadataValidator.Result result = validator.validate(metadata);
        if (result.client().isPresent()) {
            return result.client().get();
        }
        List<String> problems = result.problems();
        boolean redirects = problems.stream().allMatch(p -> p.startsWith("redirect_uri"));
        throw new RegistrationException(redirects ? Kind.INVALID_REDIRECT_URI : Kind.INVALID_CLIENT_METADATA,
                String.join("; ", problems));
    }
}
