package jp.jpkigate.idp.jpki;

import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Chains a subscriber certificate to a trust anchor. JPKI roots issue subscriber certificates
 * directly, so the path has one step (RFC 5280 section 6.1.3 (a)): the certificate's signature
 * must verify with the anchor's public key and its issuer must equal the anchor's subject. The
 * anchor is selected by key: the authority key identifier (section 4.2.1.1) names the root's key
 * (its subjectKeyIdentifier or key hash); without one every anchor's key is tried. A DN match
 * alone never selects a root, since every generation of a JPKI hierarchy shares one DN.
 */
final class IssuerChain {
    private IssuerChain() {
    }

    static TrustAnchor anchorOf(ParsedCertificate certificate, TrustAnchors anchors) throws JpkiVerificationException {
        List<TrustAnchor> candidates = certificate.authorityKeyId()
                .map(anchors::withKeyIdentifier)
                .orElse(anchors.all());
        if (candidates.isEmpty()) {
            throw untrusted("no configured trust anchor has the key named by the authority key identifier "
                    + certificate.authorityKeyId().orElse("") + " (issuer " + certificate.holder().getIssuer() + ")");
        }
        X500Name issuer = certificate.holder().getIssuer();
        for (TrustAnchor anchor : candidates) {
            if (issuer.equals(X500Name.getInstance(anchor.certificate().getSubjectX500Principal().getEncoded()))
                    && signedBy(certificate, anchor)) {
                return anchor;
            }
        }
        throw untrusted("the certificate signature does not verify with the key of "
                + (candidates.size() == 1 ? "trust anchor " + candidates.get(0).id() : candidates.size() + " candidate trust anchors")
                + " whose key identifier or name matches");
    }

    private static boolean signedBy(ParsedCertificate certificate, TrustAnchor anchor) {
        try {
            return certificate.holder().isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(CryptoProvider.BC).build(anchor.certificate().getPublicKey()));
        } catch (Exception e) {
            // An algorithm the anchor's key cannot verify, or an undecodable signature value: not issued by it.
            return false;
        }
    }

    private static JpkiVerificationException untrusted(String detail) {
        return new JpkiVerificationException(JpkiError.UNTRUSTED_ISSUER, detail);
    }
}
