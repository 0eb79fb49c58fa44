package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.service.RevocationChange;
import jp.jpkigate.revocation.store.StreamedChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the revocation stream into provision tasks: a revoked (or held) certificate that consents follow gets
 * one task per such consent, due at once; then the batch is acknowledged. Creating a task is idempotent (one per
 * consent), so a batch processed again after a crash before its acknowledgement creates nothing twice.
 */
public final class RevocationDetector {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationDetector.class);
    private final RevocationFeed feed;
    private final CaDirectory directory;
    private final WatchList watches;
    private final ProvisionQueue queue;
    private final Clock clock;
    private final int batch;

    public RevocationDetector(RevocationFeed feed, CaDirectory directory, WatchList watches, ProvisionQueue queue, Clock clock,
                              int batch) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.watches = Objects.requireNonNull(watches, "watches");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batch = batch;
    }

    /** One batch of the stream: how many provision tasks it created. */
    public Future<Integer> runOnce() {
        return feed.next(batch).compose(changes -> {
            Future<Integer> created = Future.succeededFuture(0);
            for (StreamedChange streamed : changes) {
                created = created.compose(n -> detect(streamed.change()).map(m -> n + m));
            }
            return created.compose(n -> feed.ack(changes.stream().map(StreamedChange::id).toList()).map(n));
        });
    }

    private Future<Integer> detect(RevocationChange change) {
        Optional<String> anchor = directory.anchorOf(change.issuer());
        if (change.kind() != RevocationChange.Kind.REVOKED || anchor.isEmpty()) {
            return Future.succeededFuture(0);
        }
        CertificateRef revoked = new CertificateRef(anchor.get(), change.serial());
        return watches.watchers(revoked).compose(consents -> {
            LOG.debug("{} revoked, followed by {} consent(s)", revoked, consents.size());
            return offer(consents, revoked);
        });
    }

    private Future<Integer> offer(List<String> consents, CertificateRef revoked) {
        Future<Integer> created = Future.succeededFuture(0);
        for (String consent : consents) {
            created = created.compose(n -> queue.offer(new ProvisionTask(consent, revoked, clock.instant(), 0), clock.instant())
                    .map(added -> added ? n + 1 : n));
        }
        return created;
    }
}
