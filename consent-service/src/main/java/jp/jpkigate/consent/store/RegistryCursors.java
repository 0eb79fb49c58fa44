package jp.jpkigate.consent.store;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Where the pull of J-LIS's consent changes stands, per business: the opaque cursor J-LIS gave last.
 * Contract: {@link #get} answers the stored cursor (empty before the first pull); {@link #put} stores it.
 */
public interface RegistryCursors {
    Future<Optional<String>> get(String businessId);

    Future<Void> put(String businessId, String cursor);
}
