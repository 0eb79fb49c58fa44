package jp.jpkigate.revocation.source;

import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how often to fetch one CRL: a CA-wide CRL or one municipality partition of a CA
 * generation. JPKI certificates name their distribution point as a directoryName only (no URL),
 * so the URLs are configuration.
 *
 * @param id                a unique, stable id (also the key of the shared snapshot): the issuer's
 *                          short name, then {@code /<partition>} for a partition, e.g. {@code sign-2026}
 *                          or {@code sign-2026/Tokyo/Shinjuku-ku}
 * @param issuer            the CA certificate whose key signs the CRL (RFC 5280 section 6.3.3 (f))
 * @param fullUrl           absolute http(s) URL of the complete CRL
 * @param deltaUrlTemplate  absolute http(s) URL of the delta CRL with {@value #BASE} standing for the
 *                          decimal CRL number held (RFC 5280 section 5.2.4 BaseCRLNumber), or null
 *                          when the publisher has no delta CRLs
 * @param partition         the partition label, empty for a CA-wide CRL
 * @param interval          how often to look for a new CRL
 */
public record CrlSource(String id, X509Certificate issuer, String fullUrl, String deltaUrlTemplate,
                        Optional<String> partition, Duration interval) {
    /** The placeholder of the delta URL template. */
    public static final String BASE = "{base}";

    public CrlSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(interval, "interval");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a CRL source needs an id");
        }
        requireHttp(fullUrl, "fullUrl");
        if (deltaUrlTemplate != null) {
            requireHttp(deltaUrlTemplate.replace(BASE, "0"), "deltaUrlTemplate");
            if (!deltaUrlTemplate.contains(BASE)) {
                throw new IllegalArgumentException("deltaUrlTemplate of " + id + " must contain " + BASE);
            }
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval of " + id + " must be positive");
        }
    }

    /** The delta CRL URL against the CRL number held, empty when there are no delta CRLs. */
    public Optional<String> deltaUrl(BigInteger base) {
        return Optional.ofNullable(deltaUrlTemplate).map(t -> t.replace(BASE, base.toString()));
    }

    /** The issuer's short name for operators: the id up to the first {@code /}. */
    public String issuerName() {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    /** The URL without user info or query, for logs. */
    static String forLog(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getPath();
    }

    private static void requireHttp(String url, String what) {
        Objects.requireNonNull(url, what);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an absolute http(s) URL");
        }
    }
}
