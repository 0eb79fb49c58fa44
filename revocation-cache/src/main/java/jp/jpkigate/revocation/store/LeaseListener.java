package jp.jpkigate.revocation.store;

/** Told by a {@link LeaseKeeper} when this replica becomes or stops being the ingesting one. */
public interface LeaseListener {
    /** This replica now holds the lease: start ingesting. */
    void gained();

    /** This replica no longer holds the lease (or cannot be sure it does): stop ingesting now. */
    void lost();
}
