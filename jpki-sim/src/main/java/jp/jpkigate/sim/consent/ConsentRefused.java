package jp.jpkigate.sim.consent;

import java.util.Objects;

/** J-LIS refused a request: the {@link Refusal} and a detail meant for the client. */
public final class ConsentRefused extends RuntimeException {
    private final Refusal refusal;

    ConsentRefused(Refusal refusal, String detail) {
        super(detail, null, false, false);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public Refusal refusal() {
        return refusal;
    }
}
