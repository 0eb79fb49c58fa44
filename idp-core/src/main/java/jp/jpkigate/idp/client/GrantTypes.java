package jp.jpkigate.idp.client;

import java.util.List;
import java.util.Set;

/** RFC 7591 §2 {@code grant_types} values the OP supports, and the default of a client that names none. */
public final class GrantTypes {
    /** RFC 6749 §4.1. */
    public static final String AUTHORIZATION_CODE = "authorization_code";
    /** RFC 6749 §6. */
    public static final String REFRESH_TOKEN = "refresh_token";
    /** RFC 6749 §4.4: for the OP's back-end APIs ({@link ApiScopes}). */
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** Every supported grant type, in the order discovery lists them. */
    public static final List<String> SUPPORTED = List.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS);
    /** RFC 7591 §2 says {@code ["authorization_code"]}; the OP has always issued refresh tokens with codes. */
    public static final Set<String> DEFAULT = Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN);

    private GrantTypes() {
    }
}
