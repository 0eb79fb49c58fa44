package jp.jpkigate.sim.ocsp;

import static jp.jpkigate.sim.crl.TestPki.AUTH_2026_EC;
import static jp.jpkigate.sim.crl.TestPki.CLOCK;
import static jp.jpkigate.sim.crl.TestPki.NOW;
import static jp.jpkigate.sim.crl.TestPki.SHINJUKU;
import static jp.jpkigate.sim.crl.TestPki.SIGN_2025;
import static jp.jpkigate.sim.crl.TestPki.SIGN_2026;
import static jp.jpkigate.sim.ocsp.OcspTestRequests.basic;
import static jp.jpkigate.sim.ocsp.OcspTestRequests.parse;
import static jp.jpkigate.sim.ocsp.OcspTestRequests.request;
import static jp.jpkigate.sim.ocsp.OcspTestRequests.sha1;
import static jp.jpkigate.sim.ocsp.OcspTestRequests.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.jpkigate.sim.ca.Providers;
import jp.jpkigate.sim.crl.InMemoryRevocationLog;
import jp.jpkigate.sim.revocation.Reason;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

class OcspResponderTest {
    static final OcspSigners SIGNERS = new OcspSigners(CLOCK);
    private final InMemoryRevocationLog log = new InMemoryRevocationLog();
    private final OcspResponder responder = new OcspResponder(
            () -> List.of(SIGN_2025, SIGN_2026, AUTH_2026_EC), log, CLOCK, SIGNERS);

    @Test
    void answersGoodRevokedHoldAndUnknownSignedByTheDelegatedResponder() throws Exception {
        String ca = SIGN_2026.id();
        log.issued(ca, 1);
        log.record(ca, 2, SHINJUKU, NOW.minusSeconds(600), Reason.AFFILIATION_CHANGED);
        log.record(ca, 3, SHINJUKU, NOW.minusSeconds(300), Reason.CERTIFICATE_HOLD);
        log.record(ca, 4, SHINJUKU, NOW.minusSeconds(300), Reason.CERTIFICATE_HOLD);
        log.record(ca, 4, SHINJUKU, NOW.minusSeconds(200), Reason.REMOVE_FROM_CRL);

        BasicOCSPResp resp = basic(responder.respond(request(true,
                sha1(SIGN_2026, 1), sha256(SIGN_2026, 2), sha1(SIGN_2026, 3), sha1(SIGN_2026, 4), sha1(SIGN_2026, 99))));
        SingleResp[] singles = resp.getResponses();

        assertThat(singles[0].getCertStatus()).isSameAs(CertificateStatus.GOOD);
        assertThat(((RevokedStatus) singles[1].getCertStatus()).getRevocationReason()).isEqualTo(3);
        assertThat(((RevokedStatus) singles[1].getCertStatus()).getRevocationTime().toInstant())
                .isEqualTo(NOW.minusSeconds(600));
        assertThat(((RevokedStatus) singles[2].getCertStatus()).getRevocationReason()).isEqualTo(6);
        assertThat(singles[3].getCertStatus()).isSameAs(CertificateStatus.GOOD);
        assertThat(singles[4].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(singles[0].getThisUpdate().toInstant()).isEqualTo(NOW);
        assertThat(singles[0].getNextUpdate().toInstant()).isEqualTo(NOW.plus(OcspResponder.REFRESH));
        assertThat(resp.getProducedAt().toInstant()).isEqualTo(NOW);
        assertThat(DEROctetString.getInstance(resp.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                .getParsedValue()).getOctets()).isEqualTo(OcspTestRequests.NONCE);
        assertSignedByDelegateOf(resp, SIGN_2026.certificate());
    }

    @Test
    void matchesTheGenerationByKeyAlthoughAllGenerationsShareOneName() throws Exception {
        log.record(SIGN_2025.id(), 7, SHINJUKU, NOW, Reason.SUPERSEDED);
        log.issued(SIGN_2026.id(), 7);

        BasicOCSPResp old = basic(responder.respond(request(false, sha1(SIGN_2025, 7))));
        BasicOCSPResp current = basic(responder.respond(request(false, sha256(SIGN_2026, 7))));

        assertThat(old.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertSignedByDelegateOf(old, SIGN_2025.certificate());
        assertThat(current.getResponses()[0].getCertStatus()).isSameAs(CertificateStatus.GOOD);
        assertSignedByDelegateOf(current, SIGN_2026.certificate());
        assertThat(old.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
    }

    @Test
    void ecP384GenerationSignsWithEcdsa() throws Exception {
        log.record(AUTH_2026_EC.id(), 5, SHINJUKU, NOW, Reason.CERTIFICATE_HOLD);
        BasicOCSPResp resp = basic(responder.respond(request(true, sha1(AUTH_2026_EC, 5))));
        assertThat(((RevokedStatus) resp.getResponses()[0].getCertStatus()).getRevocationReason()).isEqualTo(6);
        assertThat(resp.getSignatureAlgOID().getId()).isEqualTo("1.2.840.10045.4.3.3");
        assertSignedByDelegateOf(resp, AUTH_2026_EC.certificate());
    }

    @Test
    void unknownIssuerIsUnauthorizedAndMixedRequestsAnswerOtherIssuersUnknown() {
        OcspResponder onlySign2026 = new OcspResponder(() -> List.of(SIGN_2026), log, CLOCK, SIGNERS);
        log.issued(SIGN_2026.id(), 1);
        log.issued(SIGN_2025.id(), 1);

        assertThat(parse(onlySign2026.respond(request(true, sha1(SIGN_2025, 1)))).getStatus())
                .isEqualTo(OCSPResp.UNAUTHORIZED);
        BasicOCSPResp mixed = basic(responder.respond(request(true, sha1(SIGN_2026, 1), sha1(AUTH_2026_EC, 1))));
        assertThat(mixed.getResponses()[0].getCertStatus()).isSameAs(CertificateStatus.GOOD);
        assertThat(mixed.getResponses()[1].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void garbageIsMalformedRequest() {
        assertThat(parse(responder.respond(new byte[0])).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(parse(responder.respond(new byte[] {0x30, 0x00})).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        byte[] valid = request(false, sha1(SIGN_2026, 1));
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
        assertThat(parse(responder.respond(trailing)).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    static void assertSignedByDelegateOf(BasicOCSPResp resp, java.security.cert.X509Certificate ca) throws Exception {
        X509CertificateHolder delegate = resp.getCerts()[0];
        assertThat(resp.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Providers.BC)
                .build(delegate))).isTrue();
        assertThat(delegate.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Providers.BC)
                .build(ca))).isTrue();
        assertThat(org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(delegate.getExtensions())
                .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)).isTrue();
        assertThat(delegate.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck)).isNotNull();
        assertThat(resp.getResponderId().toASN1Primitive().getKeyHash()).isNotNull();
        assertThat(delegate.getNotAfter().toInstant()).isBefore(NOW.plus(java.time.Duration.ofDays(3)));
    }
}
