package jp.jpkigate.feed.push;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Duration;

/** POSTs one SET to a receiver (RFC 8935 §2) and judges the answer; never fails (a failure is a {@link PushAnswer.Failed}). */
@FunctionalInterface
public interface SetPoster {
    Future<PushAnswer> post(URI endpoint, String jwe, Duration timeout);
}
