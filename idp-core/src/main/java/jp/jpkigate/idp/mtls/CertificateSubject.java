package jp.jpkigate.idp.mtls;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.util.IPAddress;

/**
 * Who a {@code tls_client_auth} client's certificate must name (RFC 8705 §2.1.2): exactly one of
 * the registered subject DN or a subjectAltName entry (DNS name, URI, IP address, e-mail address).
 * Plain Java, no I/O.
 *
 * <p>Matching: the subject DN by RFC 4517 {@code distinguishedNameMatch} as
 * {@link X500Principal#equals} implements it (RDN by RDN, string values case-insensitive and with
 * whitespace normalised); a DNS name case-insensitively (ASCII); a URI exactly; an IP address by its
 * bytes (so {@code ::1} matches {@code 0:0:0:0:0:0:0:1}); an e-mail address exactly in its local part
 * and case-insensitively in its domain. {@code toString} shows the kind only.
 *
 * @param kind  which metadata member registered it
 * @param value the registered value, as written
 */
public record CertificateSubject(Kind kind, String value) {
    /** Attribute keywords beyond those {@link X500Principal} knows (FAPI ecosystems use organizationIdentifier). */
    private static final Map<String, String> KEYWORDS = Map.of("organizationIdentifier", "2.5.4.97",
            "ORGANIZATIONIDENTIFIER", "2.5.4.97");

    /** The RFC 8705 §2.1.2 metadata members, with the GeneralName tag of the SAN ones (RFC 5280 §4.2.1.6). */
    public enum Kind {
        SUBJECT_DN("tls_client_auth_subject_dn", -1),
        SAN_DNS("tls_client_auth_san_dns", 2),
        SAN_URI("tls_client_auth_san_uri", 6),
        SAN_IP("tls_client_auth_san_ip", 7),
        SAN_EMAIL("tls_client_auth_san_email", 1);

        private final String member;
        private final int generalNameTag;

        Kind(String member, int generalNameTag) {
            this.member = member;
            this.generalNameTag = generalNameTag;
        }

        /** The client metadata member. */
        public String member() {
            return member;
        }
    }

    public CertificateSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * A registered value, checked for its kind's syntax.
     *
     * @throws IllegalArgumentException with a description that does not repeat the value
     */
    public static CertificateSubject parse(Kind kind, String value) {
        if (value.isEmpty() || value.length() > 1024) {
            throw new IllegalArgumentException(kind.member + " must be 1-1024 characters");
        }
        switch (kind) {
            case SUBJECT_DN -> principal(value);
            case SAN_DNS -> {
                if (!value.matches("(?i)(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?")) {
                    throw new IllegalArgumentException(kind.member + " must be a DNS name");
                }
            }
            case SAN_URI -> {
                try {
                    if (!new URI(value).isAbsolute()) {
                        throw new IllegalArgumentException(kind.member + " must be an absolute URI");
                    }
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException(kind.member + " must be an absolute URI");
                }
            }
            case SAN_IP -> address(value).orElseThrow(
                    () -> new IllegalArgumentException(kind.member + " must be an IPv4 or IPv6 address"));
            case SAN_EMAIL -> {
                int at = value.lastIndexOf('@');
                if (at <= 0 || at == value.length() - 1 || value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
                    throw new IllegalArgumentException(kind.member + " must be an e-mail address");
                }
            }
            default -> throw new IllegalStateException();
        }
        return new CertificateSubject(kind, value);
    }

    /** Whether the certificate names this subject. */
    public boolean matches(X509Certificate certificate) {
        if (kind == Kind.SUBJECT_DN) {
            return principal(value).equals(certificate.getSubjectX500Principal());
        }
        return subjectAltNames(certificate, kind.generalNameTag).stream().anyMatch(this::matchesName);
    }

    private boolean matchesName(String name) {
        return switch (kind) {
            case SAN_DNS -> stripDot(name).equalsIgnoreCase(stripDot(value));
            case SAN_URI -> name.equals(value);
            case SAN_IP -> address(name).isPresent() && address(name).equals(address(value));
            case SAN_EMAIL -> emailMatches(name);
            default -> false;
        };
    }

    private boolean emailMatches(String name) {
        int at = name.lastIndexOf('@');
        int registeredAt = value.lastIndexOf('@');
        return at > 0 && name.substring(0, at).equals(value.substring(0, registeredAt))
                && name.substring(at + 1).equalsIgnoreCase(value.substring(registeredAt + 1));
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static X500Principal principal(String dn) {
        try {
            return new X500Principal(dn, KEYWORDS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Kind.SUBJECT_DN.member + " must be an RFC 4514 distinguished name");
        }
    }

    /** The address of an IP literal (never a DNS lookup), or empty. */
    private static Optional<InetAddress> address(String literal) {
        if (!IPAddress.isValid(literal)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The certificate's subjectAltName entries of one GeneralName tag, as the JDK renders them. */
    private static List<String> subjectAltNames(X509Certificate certificate, int tag) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream()
                    .filter(entry -> entry.size() >= 2 && entry.get(0) instanceof Integer t && t == tag)
                    .map(entry -> entry.get(1))
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        } catch (CertificateParsingException | RuntimeException e) {
            return List.of();
        }
    }

    /** The kind only: a subject DN may name a person. */
    @Override
    public String toString() {
        return "CertificateSubject[" + kind.member + "]";
    }
}
