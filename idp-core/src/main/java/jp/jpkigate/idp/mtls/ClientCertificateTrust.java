package jp.jpkigate.idp.mtls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The PKI check of {@code tls_client_auth} (RFC 8705 §2.1): a path from the client's certificate,
 * through the intermediates it sent, to one of the configured client CAs, valid at the injected
 * clock (RFC 5280 §6 with the JDK's PKIX builder: signatures, validity, basic constraints, name
 * constraints, key usage of the CAs). The certificate's extended key usage, when it has one, must
 * allow {@code id-kp-clientAuth}. Revocation of client certificates is not checked.
 *
 * <p>The TLS layer accepts any client certificate (so that {@code self_signed_tls_client_auth} and
 * certificate-bound tokens work on the same listener); this is where the chain is verified. A few
 * signature verifications: fast enough for the event loop. No network (no AIA fetching).
 */
public final class ClientCertificateTrust {
    /** RFC 5280 §4.2.1.12 id-kp-clientAuth and anyExtendedKeyUsage. */
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EKU = "2.5.29.37.0";

    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    /** Trusts the given CA certificates (roots or intermediates) as anchors. */
    public ClientCertificateTrust(List<X509Certificate> clientCas, Clock clock) {
        Set<TrustAnchor> set = new LinkedHashSet<>();
        clientCas.forEach(ca -> set.add(new TrustAnchor(ca, null)));
        this.anchors = Set.copyOf(set);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** No CAs: no {@code tls_client_auth} client can authenticate. */
    public static ClientCertificateTrust none(Clock clock) {
        return new ClientCertificateTrust(List.of(), clock);
    }

    /** Whether any CA is configured. */
    public boolean hasCas() {
        return !anchors.isEmpty();
    }

    /** Whether the presented certificate chains to a configured CA now and is for client authentication. */
    public boolean trusts(ClientCertificate presented) {
        if (anchors.isEmpty() || !forClientAuthentication(presented.certificate())) {
            return false;
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(presented.certificate());
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            List<X509Certificate> pool = new ArrayList<>(presented.intermediates());
            pool.add(presented.certificate());
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean forClientAuthentication(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages == null || usages.contains(CLIENT_AUTH) || usages.contains(ANY_EKU);
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }
}
