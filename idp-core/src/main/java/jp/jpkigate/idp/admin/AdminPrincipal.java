package jp.jpkigate.idp.admin;

import java.util.Objects;

/**
 * Who called the admin API: the label of the admin token presented (never the token), as the
 * audit log names it.
 */
public record AdminPrincipal(String label) {
    /** The automatic key rotation schedule. */
    public static final AdminPrincipal SCHEDULE = new AdminPrincipal("schedule");

    public AdminPrincipal {
        Objects.requireNonNull(label, "label");
    }
}
