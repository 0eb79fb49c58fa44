package jp.jpkigate.idp.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long consents and account sessions last. Immutable; the constructor fails listing every
 * problem.
 *
 * @param approvalLifetime       how long a remembered approval counts after the person last gave
 *                               it, 1 day - 5 years (1,826 days); default 365 days
 * @param accountSessionLifetime how long the account page stays open after the card signed,
 *                               1-30 min; default 10 min
 */
public record ApprovalOptions(Duration approvalLifetime, Duration accountSessionLifetime) {
    public ApprovalOptions {
        Objects.requireNonNull(approvalLifetime, "approvalLifetime");
        Objects.requireNonNull(accountSessionLifetime, "accountSessionLifetime");
        List<String> problems = new ArrayList<>();
        if (approvalLifetime.compareTo(Duration.ofDays(1)) < 0 || approvalLifetime.compareTo(Duration.ofDays(1826)) > 0) {
            problems.add("approvalLifetime must be 1 day - 5 years");
        }
        if (accountSessionLifetime.compareTo(Duration.ofMinutes(1)) < 0
                || accountSessionLifetime.compareTo(Duration.ofMinutes(30)) > 0) {
            problems.add("accountSessionLifetime must be 1-30 min");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("approval options: " + String.join("; ", problems));
        }
    }

    /** Approvals for 365 days, account sessions for 10 minutes. */
    public static ApprovalOptions defaults() {
        return new ApprovalOptions(Duration.ofDays(365), Duration.ofMinutes(10));
    }
}
