package jp.jpkigate.sim.ocsp;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import jp.jpkigate.sim.ca.Providers;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.crl.RevocationState;
import jp.jpkigate.sim.revocation.Reason;
import jp.jpkigate.sim.revocation.RevocationEvent;
import jp.jpkigate.sim.revocation.RevocationLog;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated J-LIS OCSP responder core (RFC 6960), without transport: DER OCSPRequest in, DER
 * OCSPResponse out, never an exception.
 * <ul>
 *   <li>Unparseable DER, trailing bytes or no single request: {@code malformedRequest} (RFC 6960 4.2.1).</li>
 *   <li>No CertID names a CA generation we serve: {@code unauthorized} (RFC 6960 2.3; RFC 5019 2.2.3).</li>
 *   <li>CertIDs are matched by issuerKeyHash and issuerNameHash, SHA-1 / SHA-256 / SHA-384 / SHA-512,
 *       across all CA generations ({@link IssuerMatcher}).</li>
 *   <li>Mixed CAs: the first CertID that names a served CA picks the CA generation, whose delegated
 *       responder signs the response; CertIDs of any other issuer are answered {@code unknown}, which
 *       RFC 6960 2.2 defines for "an unrecognized issuer that is not served by this responder".</li>
 *   <li>Status: revoked (revocationTime, reason; a hold is revoked / certificateHold until released) if
 *       listed; good if {@link RevocationLog#issued}; unknown otherwise (RFC 6960 2.2).</li>
 *   <li>thisUpdate = producedAt = now, nextUpdate = now + 15 min (J-LIS refreshes OCSP data every 15 min);
 *       the nonce (RFC 6960 4.4.1) is echoed; responderID byKey (RFC 6960 4.2.2.3).</li>
 * </ul>
 * Signing is CPU work: call it off the event loop.
 */
public final class OcspResponder {
    /** How long an answer is fresh: J-LIS refreshes its OCSP data every 15 minutes. */
    public static final Duration REFRESH = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);

    private final Supplier<List<SimCa>> cas;
    private final RevocationLog log;
    private final Clock clock;
    private final OcspSigners signers;
    private final Map<String, RevocationState> states = new ConcurrentHashMap<>();

    public OcspResponder(Supplier<List<SimCa>> cas, RevocationLog log, Clock clock, OcspSigners signers) {
        this.cas = Objects.requireNonNull(cas, "cas");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signers = Objects.requireNonNull(signers, "signers");
    }

    /** Answers one DER OCSPRequest with a DER OCSPResponse (RFC 6960 4.1, 4.2). */
    public byte[] respond(byte[] derRequest) {
        OCSPReq request;
        List<CertificateID> ids = new ArrayList<>();
        try {
            request = new OCSPReq(OCSPRequest.getInstance(ASN1Primitive.fromByteArray(derRequest)));
            for (Req single : request.getRequestList()) {
                ids.add(single.getCertID());
            }
            if (ids.isEmpty()) {
                return OcspStatus.MALFORMED.der();
            }
            request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce); // parses the extensions: bad ones are malformed
        } catch (IOException | RuntimeException e) {
            return OcspStatus.MALFORMED.der();
        }
        try {
            return answer(request, ids);
        } catch (Exception e) {
            LOG.warn("OCSP responder failed", e);
            return OcspStatus.INTERNAL_ERROR.der();
        }
    }

    private byte[] answer(OCSPReq request, List<CertificateID> ids) throws Exception {
        List<SimCa> served = cas.get();
        List<Optional<SimCa>> issuers = new ArrayList<>(ids.size());
        for (CertificateID id : ids) {
            issuers.add(IssuerMatcher.match(id, served));
        }
        Optional<SimCa> chosen = issuers.stream().flatMap(Optional::stream).findFirst();
        if (chosen.isEmpty()) {
            return OcspStatus.UNAUTHORIZED.der();
        }
        SimCa ca = chosen.get();
        OcspSigner signer = signers.forCa(ca);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X509CertificateHolder signerCert = new X509CertificateHolder(signer.certificate().getEncoded());
        RespID responderId = new RespID(SubjectPublicKeyInfo.getInstance(signer.certificate().getPublicKey().getEncoded()),
                new JcaDigestCalculatorProviderBuilder().setProvider(Providers.BC).build().get(CertificateID.HASH_SHA1));
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
        RevocationState state = state(ca.id());
        for (int i = 0; i < ids.size(); i++) {
            CertificateID id = ids.get(i);
            CertificateStatus status = issuers.get(i).filter(ca::equals).isPresent()
                    ? status(ca, state, id) : new UnknownStatus();
            builder.addResponse(id, status, Date.from(now), Date.from(now.plus(REFRESH)), null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        var basic = builder.build(new JcaContentSignerBuilder(ca.algorithm().signatureAlgorithm())
                        .setProvider(Providers.BC).build(signer.keyPair().getPrivate()),
                new X509CertificateHolder[] {signerCert}, Date.from(now));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private CertificateStatus status(SimCa ca, RevocationState state, CertificateID id) {
        Optional<RevocationState.Entry> entry = state.status(id.getSerialNumber());
        if (entry.isPresent()) {
            Reason reason = entry.get().reason();
            Date at = Date.from(entry.get().revokedAt());
            return reason == Reason.UNSPECIFIED ? new RevokedStatus(at) : new RevokedStatus(at, reason.code());
        }
        return log.issued(ca.id(), id.getSerialNumber()) ? CertificateStatus.GOOD : new UnknownStatus();
    }

    /** The replayed log of a CA generation, rebuilt when the log has grown. */
    private RevocationState state(String caId) {
        List<RevocationEvent> events = log.events(caId);
        long last = events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
        return states.compute(caId, (id, current) -> current != null && current.lastSequence() == last
                ? current : RevocationState.replay(events, event -> true));
    }

    /** The response statuses without a body (RFC 6960 4.2.1). */
    enum OcspStatus {
        MALFORMED(OCSPResponseStatus.MALFORMED_REQUEST),
        INTERNAL_ERROR(OCSPResponseStatus.INTERNAL_ERROR),
        UNAUTHORIZED(OCSPResponseStatus.UNAUTHORIZED);

        private final byte[] der;

        OcspStatus(int status) {
            try {
                der = new OCSPResp(new OCSPResponse(new OCSPResponseStatus(status), null)).getEncoded();
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        byte[] der() {
            return der.clone();
        }
    }
}
