package jp.jpkigate.revocation.store;

import java.util.Objects;
import jp.jpkigate.revocation.service.RevocationChange;

/** A change as read from the {@link RevocationStream}, with its stream entry id (resume after it). */
public record StreamedChange(String id, RevocationChange change) {
    public StreamedChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
    }
}
