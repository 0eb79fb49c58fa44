package jp.jpkigate.idp.client;

import java.util.List;
import java.util.Set;

/**
 * The scopes of the OP's back-end APIs, granted to relying parties' servers by the
 * {@code client_credentials} grant (RFC 6749 §4.4) and never by a person: the consent API and the
 * 4-information feed. They are among the OP's supported scopes (so clients may be registered for
 * them), but an authorization request (at {@code /authorize} or {@code /par}) naming one is
 * {@code invalid_scope}, and a {@code client_credentials} request may name nothing else.
 */
public final class ApiScopes {
    /** Create consent invitations and withdraw them through the RP consent API. */
    public static final String CONSENT_WRITE = "consent:write";
    /** Read consent records and their state. */
    public static final String CONSENT_READ = "consent:read";
    /** Poll or receive the 4-information change feed. */
    public static final String FEED_READ = "feed:read";
    /** All API scopes, in a fixed order. */
    public static final List<String> ALL = List.of(CONSENT_WRITE, CONSENT_READ, FEED_READ);

    private static final Set<String> SET = Set.copyOf(ALL);

    private ApiScopes() {
    }

    public static boolean isApiScope(String scope) {
        return SET.contains(scope);
    }
}
