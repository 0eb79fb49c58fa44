package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic status check (現況確認): every watched certificate is checked with the revocation cache; one
 * found revoked gets a provision task (unless it has one), which covers changes the revocation stream missed
 * (trimmed before it was read, or appended while nobody consumed it). A certificate the cache cannot answer
 * for is left to the next check. {@link #runIfDue} runs it once per {@code every}, whichever replica ticks.
 */
public final class StatusCheck {
    static final String LAST_RUN = "status-check";
    private static final Logger LOG = LoggerFactory.getLogger(StatusCheck.class);

    private final WatchList watches;
    private final CaDirectory directory;
    private final RevocationService revocation;
    private final ProvisionQueue queue;
    private final DetectMarks marks;
    private final Duration every;
    private final Clock clock;
    private final int page;

    public StatusCheck(WatchList watches, CaDirectory directory, RevocationService revocation, ProvisionQueue queue,
                       DetectMarks marks, Duration every, Clock clock, int page) {
        this.watches = Objects.requireNonNull(watches, "watches");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.marks = Objects.requireNonNull(marks, "marks");
        this.every = Objects.requireNonNull(every, "every");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.page = page;
    }

    /** {@link #runOnce} when the last completed check is {@code every} ago (or there was none); -1 when not due. */
    public Future<Integer> runIfDue() {
        return marks.get(LAST_RUN).compose(last -> {
            Instant now = clock.instant();
            if (last.isPresent() && now.isBefore(Instant.ofEpochMilli(Long.parseLong(last.get())).plus(every))) {
                return Future.succeededFuture(-1);
            }
            return runOnce().compose(n -> marks.put(LAST_RUN, Long.toString(now.toEpochMilli())).map(n));
        });
    }

    /** Checks every watched certificate: how many provision tasks it created. */
    public Future<Integer> runOnce() {
        return pageFrom("", 0);
    }

    private Future<Integer> pageFrom(String after, int created) {
        return watches.page(after, page).compose(p -> {
            Future<Integer> sum = Future.succeededFuture(created);
            for (String consent : p.consentIds()) {
                sum = sum.compose(n -> check(consent).map(added -> added ? n + 1 : n));
            }
            return p.consentIds().size() < page ? sum : sum.compose(n -> pageFrom(p.next(), n));
        });
    }

    /**
     * One consent now: its watched certificate checked with the revocation cache, a provision task when it is
     * revoked; whether a task was created. The consent follower calls it for each consent it starts watching, as
     * the certificate's revocation may have been read from the stream before the watch existed.
     */
    public Future<Boolean> check(String consentId) {
        return watches.find(consentId).compose(found -> {
            Optional<CertificateRef> followed = found.filter(w -> w.state() == WatchList.State.WATCHING)
                    .flatMap(WatchList.Watch::certificate);
            Optional<IssuerKey> key = followed.flatMap(c -> directory.issuerKeyOf(c.anchorId()));
            if (key.isEmpty()) {
                return Future.succeededFuture(false);
            }
            CertificateRef certificate = followed.get();
            return revocation.check(key.get(), certificate.serial()).compose(result -> {
                if (result instanceof CheckResult.Unknown unknown) {
                    LOG.debug("status check of consent {} left for later: {}", consentId, unknown.why());
                }
                return result instanceof CheckResult.Revoked
                        ? queue.offer(new ProvisionTask(consentId, certificate, clock.instant(), 0), clock.instant())
                        : Future.succeededFuture(false);
            });
        });
    }
}
