package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import java.util.List;
import jp.jpkigate.revocation.store.StreamedChange;

/**
 * The revocation stream as this module consumes it: at-least-once, each change acknowledged after it was
 * processed. {@link #next} hands out first the changes read before and never acknowledged (a consumer that
 * crashed between reading and acknowledging: taken over from whichever consumer read them), then new ones;
 * {@link #ack} acknowledges. Entries that cannot be read are acknowledged and logged by the implementation
 * (they would never become readable).
 */
public interface RevocationFeed {
    Future<List<StreamedChange>> next(int max);

    Future<Void> ack(List<String> ids);
}
