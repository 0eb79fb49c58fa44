package jp.jpkigate.revocation.source;

import java.util.Objects;

/**
 * What one scheduled (or {@code ingestNow}) run did for one source.
 *
 * @param sourceId the source
 * @param kind     what happened
 * @param changes  status changes swapped in (REVOKED and RELEASED)
 * @param detail   a short explanation for failures and fallbacks, empty otherwise
 */
public record IngestReport(String sourceId, Kind kind, int changes, String detail) {
    /** What happened. */
    public enum Kind {
        /** A complete CRL was ingested and swapped in. */
        FULL,
        /** A delta CRL was applied to the data held and swapped in. */
        DELTA,
        /** 304: the CRL held is current; nothing was parsed. */
        NOT_MODIFIED,
        /** A CRL was parsed, but its CRLNumber is the one held (RFC 5280 section 5.2.3). */
        UNCHANGED,
        /** Download, signature or policy failure: the data held stays in force. */
        FAILED
    }

    public IngestReport {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
