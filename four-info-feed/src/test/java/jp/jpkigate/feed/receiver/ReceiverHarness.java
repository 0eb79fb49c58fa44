package jp.jpkigate.feed.receiver;

import static jp.jpkigate.feed.set.SetFixtures.BANK;
import static jp.jpkigate.feed.set.SetFixtures.BANK_EC;
import static jp.jpkigate.feed.set.SetFixtures.BANK_RSA;
import static jp.jpkigate.feed.set.SetFixtures.ISSUER;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.util.List;
import jp.jpkigate.testing.MutableClock;

/** A verifier and inbox for the bank's receiver, as the tests wire them. */
final class ReceiverHarness {
    private ReceiverHarness() {
    }

    static EventInbox inbox(MutableClock clock, OpKeys opKeys) {
        SetVerifier verifier = new SetVerifier(ISSUER, BANK, new JWKSet(List.of(BANK_EC, BANK_RSA)),
                new InMemoryReplayGuard(1000, Duration.ofDays(7), clock), clock, Duration.ofMinutes(1), Duration.ofDays(7));
        return new EventInbox(verifier, opKeys, 100);
    }
}
