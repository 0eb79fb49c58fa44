package jp.jpkigate.revocation.ocsp;

import java.security.cert.X509Certificate;
import java.util.Objects;
import jp.jpkigate.revocation.cache.IssuerKeys;
import jp.jpkigate.revocation.service.IssuerKey;

/**
 * A CA generation the OCSP fallback may ask about, and where. JPKI certificates carry no
 * AuthorityInfoAccess, so the responder URL is configuration (the simulator's is {@code /ocsp}).
 *
 * @param certificate the CA certificate: CertIDs hash its name and key (RFC 6960 section 4.1.1), and a
 *                    delegated responder certificate must be issued by it (section 4.2.2.2)
 * @param url         the responder URL for {@code POST application/ocsp-request} (appendix A.1)
 */
public record OcspIssuer(X509Certificate certificate, String url) {
    public OcspIssuer {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("an OCSP URL is an absolute http(s) URL");
        }
    }

    public IssuerKey key() {
        return IssuerKeys.keyOf(certificate);
    }
}
