package jp.jpkigate.sim.consent;

import java.util.List;
import java.util.Objects;

/**
 * One page of consent changes.
 *
 * @param changes at most the limit asked for, oldest first
 * @param next    the cursor to ask after next time: the last change returned when the page is full,
 *                else the newest change of the registry (so a filtered poll does not scan again)
 */
public record ChangePage(List<ConsentChange> changes, String next) {
    public ChangePage {
        changes = List.copyOf(changes);
        Objects.requireNonNull(next, "next");
    }
}
