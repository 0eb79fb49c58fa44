package jp.jpkigate.idp.subject;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * A test {@link PersonKeyResolver} that follows an old → new linkage map (as J-LIS's renewal linkage
 * or the simulator's {@code registry.predecessors(caId, serial)} would): the person key is the first
 * certificate of the chain.
 */
public final class LinkedPersonKeys implements PersonKeyResolver {
    private final Map<String, String> predecessor = new HashMap<>();

    /** Records that {@code newSerial} (under {@code newAnchor}) renews {@code oldSerial} (under {@code oldAnchor}). */
    public LinkedPersonKeys renewed(String oldAnchor, BigInteger oldSerial, String newAnchor, BigInteger newSerial) {
        predecessor.put(CertificatePersonKeys.keyOf(newAnchor, newSerial), CertificatePersonKeys.keyOf(oldAnchor, oldSerial));
        return this;
    }

    @Override
    public Future<String> personKey(String issuerAnchorId, BigInteger serial) {
        String key = CertificatePersonKeys.keyOf(issuerAnchorId, serial);
        for (int hops = 0; predecessor.containsKey(key) && hops < 100; hops++) {
            key = predecessor.get(key);
        }
        return Future.succeededFuture(key);
    }
}
