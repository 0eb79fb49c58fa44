package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Small durable values of the detection's periodic work: each business's consent change log cursor
 * ({@code cursor:<client id>}) and when the last status check finished ({@code status-check}).
 */
public interface DetectMarks {
    Future<Optional<String>> get(String name);

    Future<Void> put(String name, String value);
}
