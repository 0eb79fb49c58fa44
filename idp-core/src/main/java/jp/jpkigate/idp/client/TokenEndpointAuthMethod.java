package jp.jpkigate.idp.client;

import java.util.Optional;

/** RFC 7591 §2 {@code token_endpoint_auth_method} values the OP supports. */
public enum TokenEndpointAuthMethod {
    /** OIDC Core §9 / RFC 7523 §2.2: a JWT signed with the client's private key. FAPI 2.0 clients. */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** RFC 6749 §2.3.1: HTTP Basic with a client secret. Non-FAPI clients only. */
    CLIENT_SECRET_BASIC("client_secret_basic");

    private final String value;

    TokenEndpointAuthMethod(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /**
     * RFC 6749 §2.1: whether clients using this method are confidential. Both supported methods
     * authenticate the client; a public-client method ({@code none}) would answer false, and its
     * refresh tokens would be bound to the DPoP key (RFC 9449 §5.2).
     */
    public boolean confidential() {
        return true;
    }

    public static Optional<TokenEndpointAuthMethod> parse(String value) {
        for (TokenEndpointAuthMethod m : values()) {
            if (m.value.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
