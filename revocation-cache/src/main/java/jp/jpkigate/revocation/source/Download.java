package jp.jpkigate.revocation.source;

import java.nio.file.Path;
import java.util.Objects;

/** The outcome of one conditional CRL download. */
public sealed interface Download {
    /** 304: the copy held is current (RFC 9110 section 15.4.5). */
    record NotModified() implements Download {
    }

    /** 200: the body is in {@code file} (the caller deletes it), with the validators to send next time. */
    record Fetched(Path file, long size, Validators validators) implements Download {
        public Fetched {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(validators, "validators");
        }
    }

    /** 404, with the RFC 9457 problem type if the body had one (e.g. {@code unknown-base-crl}). */
    record NotFound(String problemType) implements Download {
        public NotFound {
            Objects.requireNonNull(problemType, "problemType");
        }
    }
}
