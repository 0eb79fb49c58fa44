package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which signature certificate each in-force consent currently follows, and the reverse: which consents
 * follow a certificate. A revoked certificate that someone follows is a possible 4-information change.
 *
 * <p>An entry moves {@code WATCHING → ENDING → ENDED}; a consent that ends (withdrawn, replaced, expired)
 * keeps an {@code ENDED} tombstone for a retention period, so replaying the consent change log never watches
 * it again nor announces its end twice. While {@code ENDING} the entry may hold the withdrawal SET already
 * issued ({@link Notice}), so a crash between issuing and enqueueing it re-enqueues the same {@code jti}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #watch} creates a {@code WATCHING} entry only when the consent has none (a consent already
 *       followed keeps the certificate it has moved to); repeating it repairs the indexes.</li>
 *   <li>{@link #watchers} lists the consents whose entry is {@code WATCHING} that very certificate (the
 *       reverse index is checked against the entries, so a stale index line is never answered).</li>
 *   <li>{@link #move} is compare-and-set: only a {@code WATCHING} entry on {@code from} moves.</li>
 *   <li>{@link #end} makes the entry {@code ENDING} (creating one when there was none) unless it is
 *       {@code ENDED}; it answers the entry as it then stands. {@link #saveNotice} stores the notice only
 *       on an {@code ENDING} entry without one; {@link #ended} finishes.</li>
 *   <li>{@link #unwatch} forgets a consent that is not ending (gave up following it).</li>
 *   <li>{@link #page} lists the watched consent ids after {@code after} in lexical order (the status
 *       check's cursor).</li>
 * </ul>
 */
public interface WatchList {
    enum State { WATCHING, ENDING, ENDED }

    /** The withdrawal SET issued for an ending consent: its jti and compact JWE (encrypted; no 4 information). */
    record Notice(String jti, String jwe) {
        public Notice {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(jwe, "jwe");
        }
    }

    /** @param certificate the certificate followed; empty for an entry created ending */
    record Watch(String consentId, String clientId, Optional<CertificateRef> certificate, State state,
                 Optional<Notice> notice) {
        public Watch {
            Objects.requireNonNull(consentId, "consentId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(notice, "notice");
        }

        public boolean follows(CertificateRef c) {
            return state == State.WATCHING && certificate.filter(c::equals).isPresent();
        }
    }

    record Page(List<String> consentIds, String next) {
        public Page {
            consentIds = List.copyOf(consentIds);
        }
    }

    Future<Watch> watch(String consentId, String clientId, CertificateRef certificate);

    Future<Optional<Watch>> find(String consentId);

    Future<List<String>> watchers(CertificateRef certificate);

    Future<Boolean> move(String consentId, CertificateRef from, CertificateRef to);

    Future<Watch> end(String consentId, String clientId);

    Future<Boolean> saveNotice(String consentId, Notice notice);

    Future<Void> ended(String consentId);

    Future<Void> unwatch(String consentId);

    Future<Page> page(String after, int limit);
}
