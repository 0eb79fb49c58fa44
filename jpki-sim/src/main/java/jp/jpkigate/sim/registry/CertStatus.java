package jp.jpkigate.sim.registry;

import java.time.Instant;
import jp.jpkigate.sim.revocation.Reason;

/**
 * A certificate's revocation status as its latest event says.
 *
 * @param state  good, on hold or revoked
 * @param reason the latest event's reason, null if there was none
 * @param at     when the latest event happened, null if there was none
 */
public record CertStatus(State state, Reason reason, Instant at) {
    /** Good (never revoked, or a released hold), on hold, or revoked for good. */
    public enum State { GOOD, ON_HOLD, REVOKED }

    public static final CertStatus GOOD = new CertStatus(State.GOOD, null, null);

    static CertStatus after(Reason reason, Instant at) {
        State state = reason == Reason.REMOVE_FROM_CRL ? State.GOOD
                : reason == Reason.CERTIFICATE_HOLD ? State.ON_HOLD : State.REVOKED;
        return new CertStatus(state, reason, at);
    }

    public boolean good() {
        return state == State.GOOD;
    }

    public boolean revoked() {
        return state == State.REVOKED;
    }

    @Override
    public String toString() {
        return reason == null ? "good" : state.name().toLowerCase(java.util.Locale.ROOT) + " (" + reason + " at " + at + ")";
    }
}
