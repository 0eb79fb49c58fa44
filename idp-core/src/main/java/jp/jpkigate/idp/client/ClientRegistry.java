package jp.jpkigate.idp.client;

import com.nimbusds.jose.util.JSONArrayUtils;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registered relying parties, from a JSON array of RFC 7591 §2 client metadata objects (the
 * configuration file). Validation reports every mistake at once, each prefixed with the client's
 * position and id. Immutable.
 *
 * <p>Members of a client object:
 * <ul>
 *   <li>{@code client_id} (required, unique), {@code client_name};</li>
 *   <li>{@code redirect_uris} (required with the authorization_code grant, refused without it):
 *       absolute {@code https} URIs without fragment, or
 *       {@code http} on the loopback hosts {@code localhost}, {@code 127.0.0.1}, {@code [::1]} for
 *       development; a request must repeat one exactly;</li>
 *   <li>{@code token_endpoint_auth_method}: {@code private_key_jwt} (default) with inline
 *       {@code jwks} of public ES256 / PS256 / EdDSA keys or a {@code jwks_uri} (https; http on
 *       loopback for development) where they are fetched, or {@code client_secret_basic} with
 *       {@code client_secret_sha256} (hex SHA-256 of the secret; the secret itself is never in the
 *       file) and only when {@code "fapi": false}; or mutual TLS (RFC 8705 §2):
 *       {@code tls_client_auth} with exactly one of {@code tls_client_auth_subject_dn} (RFC 4514),
 *       {@code tls_client_auth_san_dns}, {@code _san_uri}, {@code _san_ip}, {@code _san_email} (a
 *       certificate of a configured client CA naming it), or {@code self_signed_tls_client_auth} with
 *       {@code jwks} or {@code jwks_uri} (a certificate carrying one of those keys);
 *       {@code tls_client_auth} clients may register keys too, for request objects;</li>
 *   <li>{@code tls_client_certificate_bound_access_tokens} (RFC 8705 §3.4; default {@code false}):
 *       access tokens bound to the certificate of the token request's mutual-TLS connection;</li>
 *   <li>{@code fapi} (default {@code true}): FAPI 2.0 client — PAR required, private_key_jwt or
 *       mutual TLS (never a secret);</li>
 *   <li>{@code require_pushed_authorization_requests} (RFC 9126 §6; default: the value of {@code fapi});</li>
 *   <li>{@code dpop_bound_access_tokens} (RFC 9449 §5.2; default: {@code fapi} and not
 *       {@code tls_client_certificate_bound_access_tokens}): token requests must carry a DPoP proof.
 *       A FAPI client's access tokens are bound by one of the two: neither, or both, is refused;</li>
 *   <li>{@code require_signed_request_object} (RFC 9101 §10.5; default {@code false}): every
 *       authorization request must be a request object signed with the client's keys;</li>
 *   <li>{@code scope}: space-separated scopes the client may request; must contain {@code openid} with
 *       the authorization_code grant; the API scopes ({@link ApiScopes}) only with client_credentials,
 *       which needs at least one;</li>
 *   <li>{@code sector_identifier_uri} (https) or {@code sector_name}: the pairwise sector (OIDC
 *       Core §8.1); without either, all redirect URIs must share one host, which is the sector;</li>
 *   <li>{@code grant_types} ⊆ [authorization_code, refresh_token, client_credentials] (default the
 *       first two; refresh_token only with authorization_code; a client without authorization_code is a
 *       back-end client of the API scopes only), {@code response_types} ⊆ [code],
 *       {@code subject_type} = pairwise: accepted when consistent;</li>
 *   <li>{@code post_logout_redirect_uris}, {@code backchannel_logout_uri},
 *       {@code backchannel_logout_session_required}: RP-Initiated and Back-Channel Logout
 *       ({@link LogoutMetadataReader}: https, or http on loopback);</li>
 *   <li>{@code feed_delivery_method} ({@code urn:ietf:rfc:8935} push or {@code urn:ietf:rfc:8936}
 *       poll) and {@code feed_endpoint_url} (push only, required there): the latest-4-information
 *       feed ({@link FeedMetadataReader}). Its Security Event Tokens are encrypted to a key of the
 *       client's {@code jwks} (or {@code jwks_uri}) with {@code "use": "enc"} and a {@code kid}: EC
 *       P-256 ({@code ECDH-ES+A256KW}) or RSA &ge; 2048 bits ({@code RSA-OAEP-256})
 *       ({@link FeedEncryptionKeys}). {@code enc} keys are accepted only with the feed and never
 *       verify a signature; a client authenticating without keys may give {@code jwks} /
 *       {@code jwks_uri} for the feed.</li>
 * </ul>
 * Unknown members are refused so a typo in the file never silently weakens a client.
 *
 * <p>A registry from {@link #of} or {@link #parse} never changes. One from {@link #withRegistered}
 * also holds the clients registered through the admin API: {@link #replaceRegistered} swaps them in
 * at once for every reader (the request path reads memory only); the configuration file's clients
 * always win over a registered one with the same id.
 */
public final class ClientRegistry {
    private static final Set<String> KNOWN = withReaders("client_id", "client_name", "redirect_uris",
            "token_endpoint_auth_method", "jwks", "jwks_uri", "fapi", "require_pushed_authorization_requests",
            "scope", "sector_identifier_uri", "sector_name", "grant_types", "response_types", "subject_type",
            "client_secret_sha256", "client_secret", "dpop_bound_access_tokens", "require_signed_request_object",
            "tls_client_auth_subject_dn", "tls_client_auth_san_dns", "tls_client_auth_san_uri", "tls_client_auth_san_ip",
            "tls_client_auth_san_email", "tls_client_certificate_bound_access_tokens");
    private static final int MAX_JSON_CHARS = 1 << 20;

    private static Set<String> withReaders(String... members) {
        Set<String> all = new java.util.HashSet<>(Set.of(members));
        all.addAll(LogoutMetadataReader.MEMBERS);
        all.addAll(FeedMetadataReader.MEMBERS);
        return Set.copyOf(all);
    }

    private final Map<String, RegisteredClient> fileClients;
    private final boolean updatable;
    private volatile Map<String, RegisteredClient> clients;

    private ClientRegistry(Map<String, RegisteredClient> clients, boolean updatable) {
        this.fileClients = Map.copyOf(clients);
        this.clients = fileClients;
        this.updatable = updatable;
    }

    private ClientRegistry(Map<String, RegisteredClient> clients) {
        this(clients, false);
    }

    /** A registry of {@code fileClients} to which registered clients can be added ({@link #replaceRegistered}). */
    public static ClientRegistry withRegistered(ClientRegistry fileClients) {
        return new ClientRegistry(fileClients.fileClients, true);
    }

    /**
     * Replaces the clients registered through the admin API (the active ones); the file's clients
     * stay and win on a repeated id.
     *
     * @throws IllegalStateException on a registry that does not take registered clients
     */
    public void replaceRegistered(Collection<RegisteredClient> registered) {
        if (!updatable) {
            throw new IllegalStateException("this client registry is fixed");
        }
        Map<String, RegisteredClient> merged = new LinkedHashMap<>(fileClients);
        registered.forEach(c -> merged.putIfAbsent(c.clientId(), c));
        clients = Map.copyOf(merged);
    }

    /** Whether the client comes from the configuration file (read-only through the admin API). */
    public boolean isFileClient(String clientId) {
        return clientId != null && fileClients.containsKey(clientId);
    }

    /** The members a client object may have. */
    static Set<String> knownMembers() {
        return KNOWN;
    }

    /** A registry of already validated clients. */
    public static ClientRegistry of(Collection<RegisteredClient> clients) {
        Map<String, RegisteredClient> byId = new LinkedHashMap<>();
        for (RegisteredClient c : clients) {
            if (byId.putIfAbsent(c.clientId(), c) != null) {
                throw new IllegalArgumentException("client_id repeated: " + c.clientId());
            }
        }
        return new ClientRegistry(byId);
    }

    /** Parses without restricting scope values beyond their syntax. */
    public static ClientRegistry parse(String json) throws ClientRegistryException {
        return parse(json, Set.of());
    }

    /**
     * Parses and validates the registry.
     *
     * @param supportedScopes the OP's scopes; when not empty, a client may only list these
     * @throws ClientRegistryException with every problem found; nothing else is thrown
     */
    public static ClientRegistry parse(String json, Set<String> supportedScopes) throws ClientRegistryException {
        if (json == null || json.length() > MAX_JSON_CHARS) {
            throw new ClientRegistryException(List.of("the registry is missing or larger than 1 MiB"));
        }
        List<Object> array;
        try {
            array = JSONArrayUtils.parse(json);
        } catch (java.text.ParseException | RuntimeException | StackOverflowError e) {
            throw new ClientRegistryException(List.of("not a JSON array of client metadata objects"));
        }
        if (array == null) {
            throw new ClientRegistryException(List.of("not a JSON array of client metadata objects"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, RegisteredClient> clients = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            Object element = array.get(i);
            if (!(element instanceof Map<?, ?> map)) {
                problems.add("client[" + i + "]: not a JSON object");
                continue;
            }
            Object id = map.get("client_id");
            String label = "client[" + i + "]" + (id instanceof String s ? " (" + printable(s) + ")" : "");
            try {
                ClientMetadataReader reader = new ClientMetadataReader(map, label, supportedScopes, KNOWN);
                Optional<RegisteredClient> client = reader.read();
                problems.addAll(reader.problems());
                if (client.isPresent() && clients.putIfAbsent(client.get().clientId(), client.get()) != null) {
                    problems.add(label + ": client_id repeated");
                }
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(label + ": unreadable client metadata");
            }
        }
        if (!problems.isEmpty()) {
            throw new ClientRegistryException(problems);
        }
        return new ClientRegistry(clients);
    }

    public Optional<RegisteredClient> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
    }

    public Collection<RegisteredClient> all() {
        return clients.values();
    }

    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(c -> out.appendCodePoint(c >= 0x20 && c != 0x7f ? c : '?'));
        return out.toString();
    }
}
