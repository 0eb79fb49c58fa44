package jp.jpkigate.idp.subject;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.store.PersonKeyStore;

/** A {@link PersonKeyStore} in memory, for unit tests (Redis has its own test). */
final class MemoryPersonKeyStore implements PersonKeyStore {
    final Map<CertificateId, String> records = new HashMap<>();

    @Override
    public Future<Optional<String>> find(CertificateId certificate) {
        return Future.succeededFuture(Optional.ofNullable(records.get(certificate)));
    }

    @Override
    public Future<String> putIfAbsent(CertificateId certificate, String personKey) {
        return Future.succeededFuture(records.computeIfAbsent(certificate, c -> personKey));
    }
}
