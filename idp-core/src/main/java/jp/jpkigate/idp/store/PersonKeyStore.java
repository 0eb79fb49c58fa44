package jp.jpkigate.idp.store;

import io.vertx.core.Future;
import java.util.Optional;
import jp.jpkigate.idp.subject.CertificateId;

/**
 * The person key assigned to each certificate that logged in, so that a key, once assigned, never
 * changes (whatever the linkage says later) and repeated logins do not ask the linkage again.
 *
 * <p>Contract: {@link #find} returns the recorded key or empty; {@link #putIfAbsent} records
 * {@code personKey} unless a key is already recorded, atomically across replicas, and returns the
 * key in force (the earlier one when two logins race). Records do not expire. A store failure fails
 * the future.
 */
public interface PersonKeyStore {
    Future<Optional<String>> find(CertificateId certificate);

    Future<String> putIfAbsent(CertificateId certificate, String personKey);
}
