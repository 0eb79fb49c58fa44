package jp.jpkigate.idp.subject;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test {@link CertificateLinkage} over an old → new map, as J-LIS's renewal linkage would answer;
 * it counts the questions and can be made to fail.
 */
final class MapLinkage implements CertificateLinkage {
    private final Map<CertificateId, CertificateId> predecessor = new HashMap<>();
    private final Map<CertificateId, CertificateId> companion = new HashMap<>();
    int asked;
    boolean down;

    /** Records that {@code newSerial} (under {@code newIssuer}) renews {@code oldSerial} (under {@code oldIssuer}). */
    MapLinkage renewed(String oldIssuer, long oldSerial, String newIssuer, long newSerial) {
        predecessor.put(id(newIssuer, newSerial), id(oldIssuer, oldSerial));
        return this;
    }

    /** Records that {@code serial} (under {@code issuer}) goes with the card authentication certificate {@code authSerial}. */
    MapLinkage goesWith(String issuer, long serial, String authIssuer, long authSerial) {
        companion.put(id(issuer, serial), id(authIssuer, authSerial));
        return this;
    }

    static CertificateId id(String issuer, long serial) {
        return new CertificateId(issuer, BigInteger.valueOf(serial));
    }

    @Override
    public Future<CertificateLinks> links(CertificateId certificate) {
        asked++;
        if (down) {
            return Future.failedFuture(new LinkageException("the linkage service is down"));
        }
        List<CertificateId> chain = new ArrayList<>();
        for (CertificateId id = predecessor.get(certificate); id != null; id = predecessor.get(id)) {
            chain.add(id);
        }
        return Future.succeededFuture(new CertificateLinks(chain, Optional.ofNullable(companion.get(certificate))));
    }
}
