package jp.jpkigate.revocation.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import jp.jpkigate.revocation.cache.RevocationCache;
import jp.jpkigate.revocation.crl.CrlIngest;
import jp.jpkigate.revocation.crl.CrlParseException;
import jp.jpkigate.revocation.crl.CrlRefusedException;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.service.RevocationChange;

/**
 * The blocking half of one ingest, run on a worker: parse the downloaded file with signature
 * check against the configured CA key, apply it ({@link CrlIngest}: monotony, delta base, scope,
 * thisUpdate), diff and swap it into the cache. The file is deleted in every case. Empty result:
 * a delta was refused for its base, so the caller fetches the complete CRL.
 */
final class CrlFileIngest implements Callable<Optional<IngestReport>> {
    private final CrlIngest ingest;
    private final RevocationCache cache;
    private final Clock clock;
    private final CrlSource source;
    private final Path file;
    private final CrlSnapshot current;
    private final boolean delta;

    CrlFileIngest(CrlIngest ingest, RevocationCache cache, Clock clock, CrlSource source, Path file,
                  CrlSnapshot current, boolean delta) {
        this.ingest = ingest;
        this.cache = cache;
        this.clock = clock;
        this.source = source;
        this.file = file;
        this.current = current;
        this.delta = delta;
    }

    @Override
    public Optional<IngestReport> call() throws IOException, CrlParseException, CrlRefusedException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CrlIngest.Outcome outcome = ingest.ingest(in, source.issuer().getPublicKey(), current);
            if (!outcome.changed()) {
                return Optional.of(new IngestReport(source.id(), IngestReport.Kind.UNCHANGED, 0, ""));
            }
            CrlSnapshot next = outcome.snapshot();
            List<RevocationChange> changes = cache.ingested(source.id(), current, next, clock.instant());
            boolean appliedDelta = !next.metadata().crlNumber().equals(next.metadata().completeCrlNumber());
            return Optional.of(new IngestReport(source.id(), appliedDelta ? IngestReport.Kind.DELTA
                    : IngestReport.Kind.FULL, changes.size(), ""));
        } catch (CrlRefusedException e) {
            if (delta && (e.reason() == CrlRefusedException.Reason.DELTA_BASE_MISMATCH
                    || e.reason() == CrlRefusedException.Reason.DELTA_WITHOUT_BASE)) {
                return Optional.empty();
            }
            throw e;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
