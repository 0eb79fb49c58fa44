package jp.jpkigate.idp.client;

import java.util.Optional;

/** RFC 7591 §2 {@code token_endpoint_auth_method} values the OP supports. */
public enum TokenEndpointAuthMethod {
    /** OIDC Core §9 / RFC 7523 §2.2: a JWT signed with the client's private key. FAPI 2.0 clients. */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** RFC 6749 §2.3.1: HTTP Basic with a client secret. Non-FAPI clients only. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** RFC 8705 §2.1: mutual TLS with a certificate of a configured CA naming the registered subject. */
    TLS_CLIENT_AUTH("tls_client_auth"),
    /** RFC 8705 §2.2: mutual TLS with a certificate carrying one of the client's registered keys. */
    SELF_SIGNED_TLS_CLIENT_AUTH("self_signed_tls_client_auth");

    private final String value;

    TokenEndpointAuthMethod(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Whether the client authenticates by mutual TLS (RFC 8705 §2). */
    public boolean mutualTls() {
        return this == TLS_CLIENT_AUTH || this == SELF_SIGNED_TLS_CLIENT_AUTH;
    }

    /**
     * RFC 6749 §2.1: whether clients using this method are confidential. Every supported method
     * authenticates the client (mutual TLS too, RFC 8705 §2); a public-client method ({@code none})
     * would answer false, and its refresh tokens would be bound to the DPoP key (RFC 9449 §5.2).
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
