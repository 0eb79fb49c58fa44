package jp.jpkigate.revocation.store;

import io.vertx.core.Future;
import java.util.List;
import jp.jpkigate.revocation.service.RevocationChange;

/**
 * The shared, ordered log of revocation changes (serial, issuer, reason, time) that other modules
 * consume; the 4-information feed reacts to revoked signature certificates.
 *
 * <p>Contract: {@link #append} adds the changes in list order, after everything appended before;
 * entries are trimmed oldest first beyond a configured length (about a million by default), so a
 * consumer that falls further behind loses the oldest. {@link #read} returns entries strictly
 * after {@code afterId} in order; a consumer resumes from the last id it processed.
 */
public interface RevocationStream {
    /** Appends {@code changes} in order; the ids given to them, in the same order. */
    Future<List<String>> append(List<RevocationChange> changes);

    /**
     * Up to {@code count} entries after {@code afterId} ({@code "0"} or {@code "0-0"} reads from
     * the oldest entry kept).
     */
    Future<List<StreamedChange>> read(String afterId, int count);
}
