package jp.jpkigate.revocation.responder;

import static jp.jpkigate.revocation.responder.TestPki.AUTH_2026_EC;
import static jp.jpkigate.revocation.responder.TestPki.NOW;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2025;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2026;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.revocation.index.CrlReason;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import jp.jpkigate.testing.MutableClock;

class OcspResponderTest {
    static final MutableClock CLOCK = new MutableClock(NOW);
    static final OcspResponderIdentity IDENTITY = OcspResponderIdentity.generateSelfSigned(CLOCK, new SecureRandom());
    static final LocalDate REVOKED_ON = LocalDate.of(2026, 11, 19);

    final InMemoryRevocationService service = new InMemoryRevocationService()
            .cover(SIGN_2026, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)), 7)
            .cover(AUTH_2026_EC, NOW.minus(Duration.ofMinutes(10)), NOW.plus(Duration.ofMinutes(5)), 3)
            .revoke(SIGN_2026, 11, CrlReason.AFFILIATION_CHANGED, REVOKED_ON)
            .revoke(SIGN_2026, 12, CrlReason.CERTIFICATE_HOLD, REVOKED_ON)
            .revoke(SIGN_2026, 13, CrlReason.UNSPECIFIED, REVOKED_ON);
    final OcspResponder responder = new OcspResponder(service, IDENTITY, CLOCK);

    OCSPResp respond(byte[] request) throws Exception {
        return OcspRequests.parse(responder.respond(request).toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS));
    }

    @Test
    void answersGoodRevokedHoldAndUnknownIssuerInOneSignedResponse() throws Exception {
        OCSPResp response = respond(OcspRequests.request(true, OcspRequests.sha1(SIGN_2026, 10),
                OcspRequests.sha1(SIGN_2026, 11), OcspRequests.sha256(SIGN_2026, 12), OcspRequests.sha1(SIGN_2026, 13),
                OcspRequests.sha1(SIGN_2025, 10)));
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(IDENTITY.certificate()))).isTrue();
        assertThat(basic.getResponderId()).isEqualTo(IDENTITY.responderId());
        assertThat(basic.getResponderId().toASN1Primitive().getKeyHash()).isNotNull();
        assertThat(basic.getCerts()).containsExactly(IDENTITY.certificateHolder());
        assertThat(basic.getProducedAt()).isEqualTo(Date.from(NOW));
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNotNull();

        SingleResp[] singles = basic.getResponses();
        assertThat(singles).hasSize(5);
        assertThat(singles[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(singles[0].getThisUpdate()).isEqualTo(Date.from(NOW.minus(Duration.ofHours(1))));
        assertThat(singles[0].getNextUpdate()).isEqualTo(Date.from(NOW.plus(OcspResponder.MAX_VALIDITY)));
        RevokedStatus revoked = (RevokedStatus) singles[1].getCertStatus();
        assertThat(revoked.getRevocationTime()).isEqualTo(Date.from(REVOKED_ON.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        assertThat(revoked.getRevocationReason()).isEqualTo(CrlReason.AFFILIATION_CHANGED.code());
        assertThat(singles[2].getCertID().getHashAlgOID()).isEqualTo(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.1"));
        assertThat(((RevokedStatus) singles[2].getCertStatus()).getRevocationReason()).isEqualTo(6);
        assertThat(((RevokedStatus) singles[3].getCertStatus()).hasRevocationReason()).isFalse();
        assertThat(singles[4].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void nextUpdateIsTheEarlierOfTheDataAndFifteenMinutes() throws Exception {
        BasicOCSPResp basic = (BasicOCSPResp) respond(OcspRequests.request(false, OcspRequests.sha1(AUTH_2026_EC, 5)))
                .getResponseObject();
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
        assertThat(basic.getResponses()[0].getNextUpdate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(5))));
        assertThat(basic.getResponses()[0].getThisUpdate()).isEqualTo(Date.from(NOW.minus(Duration.ofMinutes(10))));
        var answer = responder.answer(OcspRequests.request(false, OcspRequests.sha1(AUTH_2026_EC, 5)))
                .toCompletionStage().toCompletableFuture().get();
        assertThat(answer.successful()).isTrue();
        assertThat(answer.nextUpdate()).contains(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void onlyUncoveredIssuersIsUnauthorized() throws Exception {
        assertThat(respond(OcspRequests.request(true, OcspRequests.sha1(SIGN_2025, 10))).getStatus())
                .isEqualTo(OCSPResp.UNAUTHORIZED);
        CertificateID good = OcspRequests.sha1(SIGN_2026, 10);
        CertificateID wrongName = new CertificateID(new org.bouncycastle.asn1.ocsp.CertID(good.toASN1Primitive()
                .getHashAlgorithm(), new org.bouncycastle.asn1.DEROctetString(new byte[20]),
                good.toASN1Primitive().getIssuerKeyHash(), good.toASN1Primitive().getSerialNumber()));
        assertThat(respond(OcspRequests.request(false, wrongName)).getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
    }

    @Test
    void staleOrExpiredDataIsTryLater() throws Exception {
        service.stale(SIGN_2026, true);
        assertThat(respond(OcspRequests.request(true, OcspRequests.sha1(SIGN_2026, 10))).getStatus())
                .isEqualTo(OCSPResp.TRY_LATER);
        CLOCK.set(NOW.plus(Duration.ofMinutes(6)));
        try {
            assertThat(respond(OcspRequests.request(true, OcspRequests.sha1(AUTH_2026_EC, 10))).getStatus())
                    .isEqualTo(OCSPResp.TRY_LATER);
        } finally {
            CLOCK.set(NOW);
        }
    }

    @Test
    void noncesFollowRfc8954AndCriticalExtensionsMustBeUnderstood() throws Exception {
        CertificateID id = OcspRequests.sha1(SIGN_2026, 10);
        BasicOCSPResp long40 = (BasicOCSPResp) respond(OcspRequests.request(OcspRequests.nonceExtension(40, false), id))
                .getResponseObject();
        assertThat(long40.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
        Extension echoed = ((BasicOCSPResp) respond(OcspRequests.request(OcspRequests.nonceExtension(32, true), id))
                .getResponseObject()).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertThat(echoed).isEqualTo(OcspRequests.nonceExtension(32, true));
        assertThat(respond(OcspRequests.request(OcspRequests.nonceExtension(0, false), id)).getStatus())
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(respond(OcspRequests.request(OcspRequests.nonceExtension(129, false), id)).getStatus())
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        Extension unknownCritical = new Extension(new ASN1ObjectIdentifier("1.2.3.4"), true,
                DERNull.INSTANCE.getEncoded());
        assertThat(respond(OcspRequests.request(unknownCritical, id)).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        Extension unknownOptional = new Extension(new ASN1ObjectIdentifier("1.2.3.4"), false,
                DERNull.INSTANCE.getEncoded());
        assertThat(respond(OcspRequests.request(unknownOptional, id)).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    }
}
