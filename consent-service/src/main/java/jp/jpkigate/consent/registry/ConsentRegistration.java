package jp.jpkigate.consent.registry;

import io.vertx.core.Future;
import jp.jpkigate.consent.record.ConsentRecord;

/**
 * The platform's side of J-LIS's consent registry, as the person's pages need it: every consent signed
 * here is registered there, and every withdrawal made here is sent there. Both are durable promises:
 * the record is already stored (REGISTERING, or WITHDRAWN and not yet reported) before these are
 * called, and whatever J-LIS does not acknowledge now is retried on a schedule until it does.
 *
 * <p>{@link #register} answers the record as it stands afterwards: ACTIVE with J-LIS's registration
 * (and without the signature certificate) when J-LIS answered, otherwise the record given, still
 * REGISTERING. {@link #reportWithdrawal} answers the record afterwards (reported, or not yet). Neither
 * fails because J-LIS is down; they fail only when the store does.
 */
public interface ConsentRegistration {
    Future<ConsentRecord> register(ConsentRecord signed);

    Future<ConsentRecord> reportWithdrawal(ConsentRecord withdrawn);
}
