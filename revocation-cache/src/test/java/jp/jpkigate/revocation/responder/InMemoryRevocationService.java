package jp.jpkigate.revocation.responder;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.index.Revocation;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.IssuerInfo;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationMetrics;
import jp.jpkigate.revocation.service.RevocationService;
import jp.jpkigate.sim.ca.CertificateIssuer;
import jp.jpkigate.sim.ca.SimCa;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** The service contract over maps: covered CAs with revoked serials; a stale issuer answers Unknown. */
public final class InMemoryRevocationService implements RevocationService {
    private final Map<IssuerKey, Issuer> issuers = new ConcurrentHashMap<>();
    private final List<IssuerKey> order = new ArrayList<>();
    private final RevocationMetrics metrics = new RevocationMetrics();

    private static final class Issuer {
        volatile IssuerInfo info;
        volatile boolean stale;
        final Map<BigInteger, Revocation> revoked = new ConcurrentHashMap<>();
    }

    public static IssuerKey key(SimCa ca) {
        return IssuerKey.of(CertificateIssuer.keyIdentifier(ca.certificate().getPublicKey()));
    }

    /** Covers {@code ca} with data of {@code thisUpdate} / {@code nextUpdate} and {@code version}. */
    public InMemoryRevocationService cover(SimCa ca, Instant thisUpdate, Instant nextUpdate, long version) {
        Issuer issuer = issuers.computeIfAbsent(key(ca), k -> {
            order.add(k);
            return new Issuer();
        });
        issuer.info = new IssuerInfo(key(ca), ca.certificate(), ca.id(), Optional.of(thisUpdate),
                Optional.ofNullable(nextUpdate), issuer.revoked.size(), version);
        return this;
    }

    public InMemoryRevocationService revoke(SimCa ca, long serial, CrlReason reason, LocalDate date) {
        Issuer issuer = issuers.get(key(ca));
        issuer.revoked.put(BigInteger.valueOf(serial), new Revocation(reason, date));
        IssuerInfo i = issuer.info;
        issuer.info = new IssuerInfo(i.key(), i.certificate(), i.name(), i.thisUpdate(), i.nextUpdate(),
                issuer.revoked.size(), i.version());
        return this;
    }

    public void stale(SimCa ca, boolean stale) {
        issuers.get(key(ca)).stale = stale;
    }

    @Override
    public Future<CheckResult> check(X509Certificate certificate) {
        try {
            byte[] aki = certificate.getExtensionValue("2.5.29.35");
            byte[] keyId = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(aki))
                    .getKeyIdentifierObject().getOctets();
            return check(IssuerKey.of(keyId), certificate.getSerialNumber());
        } catch (Exception e) {
            metrics.failClosed.increment();
            return Future.succeededFuture(new CheckResult.Unknown("no authority key identifier"));
        }
    }

    @Override
    public Future<CheckResult> check(IssuerKey key, BigInteger serial) {
        Issuer issuer = issuers.get(key);
        if (issuer == null || issuer.stale) {
            metrics.indexMisses.increment();
            metrics.failClosed.increment();
            return Future.succeededFuture(new CheckResult.Unknown(issuer == null
                    ? "issuer not covered" : "revocation data is stale and OCSP did not answer"));
        }
        metrics.indexHits.increment();
        IssuerInfo info = issuer.info;
        Revocation revocation = issuer.revoked.get(serial);
        Instant asOf = info.thisUpdate().orElseThrow();
        return Future.succeededFuture(revocation == null
                ? new CheckResult.Good(asOf, info.version(), CheckResult.Source.CRL)
                : new CheckResult.Revoked(revocation.reason(), revocation.revocationDate(), asOf, info.version(),
                        CheckResult.Source.CRL));
    }

    @Override
    public List<IssuerInfo> issuers() {
        return order.stream().map(k -> issuers.get(k).info).toList();
    }

    @Override
    public RevocationMetrics metrics() {
        return metrics;
    }
}
