package jp.jpkigate.consent.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.consent.invite.InvitationPolicy;

/**
 * Settings of the business consent API and the J-LIS link, with {@link #defaults()} and a fail-fast
 * {@link #validate()} that names every mistake at once.
 *
 * @param invitationDefaultLifetime how long an invitation works when the business does not say (30 days)
 * @param invitationMaxLifetime     the longest {@code expires_in} a business may ask for (180 days)
 * @param invitationRetention       how long an invitation is kept past its expiry, so its status reads expired (90 days)
 * @param maxCustomersPerCall       customer lines in one {@code POST /consent/v1/invitations} (10,000)
 * @param maxBodyBytes              that request's body limit (2 MiB: 10,000 lines of up to ~200 bytes)
 * @param registryTimeout           one J-LIS call (10 s)
 * @param registryRetryEvery        how often the retry task looks for due consents (30 s)
 * @param registryRetryInitial      the first retry's wait (30 s); doubling with jitter ...
 * @param registryRetryMax          ... up to this (1 h)
 * @param withdrawalPullEvery       how often J-LIS's changes are pulled (5 min)
 */
public record ConsentApiOptions(Duration invitationDefaultLifetime, Duration invitationMaxLifetime,
                                Duration invitationRetention, int maxCustomersPerCall, int maxBodyBytes,
                                Duration registryTimeout, Duration registryRetryEvery, Duration registryRetryInitial,
                                Duration registryRetryMax, Duration withdrawalPullEvery) {
    public ConsentApiOptions {
        Objects.requireNonNull(invitationDefaultLifetime, "invitationDefaultLifetime");
        Objects.requireNonNull(invitationMaxLifetime, "invitationMaxLifetime");
        Objects.requireNonNull(invitationRetention, "invitationRetention");
        Objects.requireNonNull(registryTimeout, "registryTimeout");
        Objects.requireNonNull(registryRetryEvery, "registryRetryEvery");
        Objects.requireNonNull(registryRetryInitial, "registryRetryInitial");
        Objects.requireNonNull(registryRetryMax, "registryRetryMax");
        Objects.requireNonNull(withdrawalPullEvery, "withdrawalPullEvery");
    }

    public static ConsentApiOptions defaults() {
        return new ConsentApiOptions(Duration.ofDays(30), Duration.ofDays(180), Duration.ofDays(90), 10_000, 2 * 1024 * 1024,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1),
                Duration.ofMinutes(5));
    }

    /** These options, or {@link IllegalArgumentException} listing every invalid setting. */
    public ConsentApiOptions validate() {
        List<String> problems = new ArrayList<>();
        if (invitationMaxLifetime.compareTo(InvitationPolicy.MIN_LIFETIME) < 0
                || invitationDefaultLifetime.compareTo(InvitationPolicy.MIN_LIFETIME) < 0
                || invitationDefaultLifetime.compareTo(invitationMaxLifetime) > 0) {
            problems.add("invitation lifetimes need 1 minute <= default <= max");
        }
        if (invitationRetention.isNegative()) {
            problems.add("invitation retention must not be negative");
        }
        if (maxCustomersPerCall < 1 || maxCustomersPerCall > 100_000) {
            problems.add("customers per call must be 1 to 100000");
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > 64 * 1024 * 1024) {
            problems.add("the body limit must be 1 KiB to 64 MiB");
        }
        for (Duration d : List.of(registryTimeout, registryRetryEvery, registryRetryInitial, withdrawalPullEvery)) {
            if (d.toMillis() < 1) {
                problems.add("J-LIS timeout and intervals must be positive");
                break;
            }
        }
        if (registryRetryMax.compareTo(registryRetryInitial) < 0) {
            problems.add("the longest J-LIS retry wait must not be shorter than the first");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("consent API options: " + String.join("; ", problems));
        }
        return this;
    }

    /** What one call may ask for. */
    public InvitationPolicy invitationPolicy() {
        return new InvitationPolicy(invitationDefaultLifetime, invitationMaxLifetime, maxCustomersPerCall, invitationRetention);
    }

    public ConsentApiOptions withMaxCustomersPerCall(int max) {
        return new ConsentApiOptions(invitationDefaultLifetime, invitationMaxLifetime, invitationRetention, max, maxBodyBytes,
                registryTimeout, registryRetryEvery, registryRetryInitial, registryRetryMax, withdrawalPullEvery);
    }
}
