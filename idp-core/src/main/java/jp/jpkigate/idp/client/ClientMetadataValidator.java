package jp.jpkigate.idp.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.mtls.MtlsClientSupport;
import jp.jpkigate.idp.mtls.MtlsOptions;

/**
 * Validates one client's RFC 7591 §2 metadata with the same rules as the configuration file's
 * clients ({@link ClientRegistry}): for the admin API. Never throws on malformed input.
 */
public final class ClientMetadataValidator {
    private static final String LABEL = "client";

    private final Set<String> supportedScopes;
    private final MtlsOptions mtls;

    /** A validator for an OP that receives no client certificates. */
    public ClientMetadataValidator(Set<String> supportedScopes) {
        this(supportedScopes, MtlsOptions.none());
    }

    /**
     * @param supportedScopes the OP's scopes; when not empty, a client may only list these
     * @param mtls            how the OP receives client certificates: a mutual-TLS client it cannot
     *                        serve is refused ({@link MtlsClientSupport})
     */
    public ClientMetadataValidator(Set<String> supportedScopes, MtlsOptions mtls) {
        this.supportedScopes = Set.copyOf(Objects.requireNonNull(supportedScopes, "supportedScopes"));
        this.mtls = Objects.requireNonNull(mtls, "mtls");
    }

    /** The client, or every problem found (each naming the member). */
    public record Result(Optional<RegisteredClient> client, List<String> problems) {
        public Result {
            Objects.requireNonNull(client, "client");
            problems = List.copyOf(problems);
        }
    }

    public Result validate(Map<String, Object> metadata) {
        try {
            ClientMetadataReader reader = new ClientMetadataReader(metadata, LABEL, supportedScopes,
                    ClientRegistry.knownMembers());
            Optional<RegisteredClient> client = reader.read();
            List<String> problems = new ArrayList<>(reader.problems().stream()
                    .map(p -> p.startsWith(LABEL + ": ") ? p.substring(LABEL.length() + 2) : p)
                    .toList());
            client.flatMap(c -> MtlsClientSupport.problem(c, mtls)).ifPresent(problems::add);
            return new Result(problems.isEmpty() ? client : Optional.empty(), problems.isEmpty() && client.isEmpty()
                    ? List.of("unreadable client metadata") : problems);
        } catch (RuntimeException | StackOverflowError e) {
            return new Result(Optional.empty(), List.of("unreadable client metadata"));
        }
    }
}
