package jp.jpkigate.sim.crl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import jp.jpkigate.sim.ca.Providers;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.revocation.Reason;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Encodes and signs X.509 v2 CRLs (RFC 5280 5.1) with the CA generation's key and algorithm
 * (sha256WithRSAEncryption or ecdsa-with-SHA384).
 *
 * <p>Reason code convention: the reasonCode entry extension (RFC 5280 5.3.1) is present for every
 * reason except unspecified, for which RFC 5280 says the extension "SHOULD be absent".
 */
final class CrlSigner {
    private CrlSigner() {
    }

    static byte[] sign(CrlScope scope, CrlNumber number, CrlNumber base, Instant thisUpdate, Instant nextUpdate,
                       Collection<RevocationState.Entry> entries) {
        SimCa ca = scope.ca();
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (RevocationState.Entry entry : entries) {
            int code = entry.reason() == Reason.UNSPECIFIED ? 0 : entry.reason().code();
            builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), code);
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number.value()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            if (base != null) {
                // RFC 5280 5.2.4: "the delta CRL indicator is a critical CRL extension".
                builder.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(base.value()));
            }
            if (scope.distributionPoint().isPresent()) {
                // RFC 5280 5.2.5: critical; the name matches the certificates' cRLDistributionPoints.
                GeneralNames names = new GeneralNames(new GeneralName(scope.distributionPoint().get()));
                builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                        new DistributionPointName(names), true, false, null, false, false));
            }
            return builder.build(new JcaContentSignerBuilder(ca.algorithm().signatureAlgorithm())
                    .setProvider(Providers.BC).build(ca.keyPair().getPrivate())).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot sign a CRL of " + scope, e);
        }
    }
}
