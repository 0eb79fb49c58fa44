package jp.jpkigate.idp.mtls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the OP gets clients' certificates from (RFC 8705) and which CAs vouch for
 * {@code tls_client_auth} clients. One listener serves browsers and clients alike: it requests a
 * client certificate but does not require one, so no {@code mtls_endpoint_aliases} are needed.
 *
 * @param enabled           whether clients can present certificates at all: the gateway terminates
 *                          TLS with client certificates requested, or a trusted TLS proxy forwards them
 * @param certificateHeader the header a trusted TLS proxy forwards the client certificate in
 *                          (RFC 9440 {@code Client-Cert}, or nginx's URL-encoded PEM); when set, only
 *                          the header counts (the TLS session is the proxy's); empty: the TLS session
 * @param clientCas         the CAs {@code tls_client_auth} certificates must chain to
 */
public record MtlsOptions(boolean enabled, Optional<String> certificateHeader, List<X509Certificate> clientCas) {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    /** Headers that carry other things and can never be the certificate header. */
    private static final Set<String> RESERVED = Set.of("authorization", "cookie", "host", "content-type",
            "content-length", "transfer-encoding", "dpop", "connection", "forwarded", "x-forwarded-for");

    public MtlsOptions {
        Objects.requireNonNull(certificateHeader, "certificateHeader");
        clientCas = List.copyOf(clientCas);
        certificateHeader.ifPresent(name -> {
            if (!isHeaderName(name)) {
                throw new IllegalArgumentException("the client certificate header must be a header name of its own");
            }
        });
        if (certificateHeader.isPresent() && !enabled) {
            throw new IllegalArgumentException("a client certificate header needs mutual TLS enabled");
        }
    }

    /** No client certificates: the mTLS methods and bound tokens are not offered. */
    public static MtlsOptions none() {
        return new MtlsOptions(false, Optional.empty(), List.of());
    }

    /** Certificates from the TLS sessions of the OP's own listener. */
    public static MtlsOptions tlsSession(List<X509Certificate> clientCas) {
        return new MtlsOptions(true, Optional.empty(), clientCas);
    }

    /** Certificates from a trusted TLS proxy's header. */
    public static MtlsOptions proxyHeader(String header, List<X509Certificate> clientCas) {
        return new MtlsOptions(true, Optional.of(header), clientCas);
    }

    /** Whether {@code name} can be the certificate header: an RFC 9110 token, not one with another meaning. */
    public static boolean isHeaderName(String name) {
        return name != null && TOKEN.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Never the CA certificates themselves. */
    @Override
    public String toString() {
        return "MtlsOptions[" + (!enabled ? "off" : certificateHeader.map(h -> "header " + h).orElse("TLS session"))
                + ", " + clientCas.size() + " client CA(s)]";
    }
}
