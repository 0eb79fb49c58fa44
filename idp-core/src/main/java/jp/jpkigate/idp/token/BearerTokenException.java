package jp.jpkigate.idp.token;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Objects;
import java.util.stream.Collectors;
import jp.jpkigate.idp.key.JwsAlgorithms;

/**
 * An error of a protected resource ({@code /userinfo}): RFC 6750 §3.1 {@code invalid_request}
 * (400), {@code invalid_token} (401) or {@code insufficient_scope} (403), and RFC 9449 §7.1, §9
 * {@code invalid_dpop_proof} and {@code use_dpop_nonce} (401). The resource accepts both schemes,
 * so {@code WWW-Authenticate} carries a {@code Bearer} and a {@code DPoP} challenge (RFC 9449 §7.2),
 * the error in the challenge of the scheme it concerns. No stack trace; the description reaches
 * the client.
 */
public final class BearerTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** RFC 9449 §7.1: the {@code algs} of the DPoP challenge. */
    public static final String DPOP_ALGS = JwsAlgorithms.SUPPORTED.stream().map(JWSAlgorithm::getName)
            .collect(Collectors.joining(" "));

    /** RFC 6750 §3.1 and RFC 9449 codes with their status. */
    public enum Code {
        /** No credentials at all: RFC 6750 §3.1 says the challenge carries no error code. */
        MISSING(null, 401),
        INVALID_REQUEST("invalid_request", 400),
        INVALID_TOKEN("invalid_token", 401),
        INSUFFICIENT_SCOPE("insufficient_scope", 403),
        INVALID_DPOP_PROOF("invalid_dpop_proof", 401),
        USE_DPOP_NONCE("use_dpop_nonce", 401);

        private final String value;
        private final int status;

        Code(String value, int status) {
            this.value = value;
            this.status = status;
        }

        public String value() {
            return value;
        }

        public int status() {
            return status;
        }
    }

    /** The authentication scheme an error concerns. */
    public enum Scheme {
        BEARER, DPOP
    }

    private final Code code;
    private final String description;
    private final Scheme scheme;

    public BearerTokenException(Code code, String description) {
        this(code, description, Scheme.BEARER);
    }

    public BearerTokenException(Code code, String description, Scheme scheme) {
        super(code + ": " + description, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.description = description;
        this.scheme = Objects.requireNonNull(scheme, "scheme");
    }

    public Code code() {
        return code;
    }

    public Scheme scheme() {
        return scheme;
    }

    /**
     * The {@code WWW-Authenticate} value: {@code Bearer realm=..., DPoP realm=..., algs="..."} with
     * {@code error} and {@code error_description} in the challenge of {@link #scheme()}; the
     * description is ASCII without quotes.
     */
    public String wwwAuthenticate(String realm) {
        String error = code.value() == null ? ""
                : ", error=\"" + code.value() + "\", error_description=\""
                        + description.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "?") + "\"";
        return "Bearer realm=\"" + realm + "\"" + (scheme == Scheme.BEARER ? error : "")
                + ", DPoP realm=\"" + realm + "\"" + (scheme == Scheme.DPOP ? error : "") + ", algs=\"" + DPOP_ALGS + "\"";
    }

    public String description() {
        return description;
    }
}
