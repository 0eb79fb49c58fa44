package jp.jpkigate.sim.ocsp;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import jp.jpkigate.sim.ca.SimCa;

/**
 * Hands out one delegated responder per CA generation, issuing a new one when the current one would
 * expire before a response's nextUpdate (now + {@link OcspResponder#REFRESH}). Thread-safe.
 */
public final class OcspSigners {
    private final Clock clock;
    private final Duration validity;
    private final SecureRandom random;
    private final Map<String, OcspSigner> signers = new ConcurrentHashMap<>();

    public OcspSigners(Clock clock) {
        this(clock, OcspSigner.DEFAULT_VALIDITY, new SecureRandom());
    }

    public OcspSigners(Clock clock, Duration validity, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.random = Objects.requireNonNull(random, "random");
        if (validity.compareTo(OcspResponder.REFRESH.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("responder validity must be at least twice the OCSP refresh interval");
        }
    }

    /** The current responder of {@code ca} (matched by id and CA key). */
    public OcspSigner forCa(SimCa ca) {
        Instant now = clock.instant();
        return signers.compute(ca.id(), (id, current) ->
                current != null && current.ca().keyPair().getPublic().equals(ca.keyPair().getPublic())
                        && current.covers(now, now.plus(OcspResponder.REFRESH))
                        ? current : OcspSigner.issue(ca, now, validity, random));
    }
}
