package jp.jpkigate.consent.invite;

import java.util.List;
import java.util.Optional;

/**
 * Everything wrong with a request for invitations, found at once: what is wrong with the request as a
 * whole ({@code description}) and each wrong customer line. Answered as RFC 6749 {@code invalid_request}
 * with an {@code errors} array. Messages are fixed text; a customer number is echoed only when it is a
 * well-formed one (never arbitrary input).
 */
public final class InvalidInvitationRequest extends Exception {
    private static final long serialVersionUID = 1L;

    /** A wrong line of {@code customers}: its index (from 0), its customer number when well-formed, what is wrong. */
    public record LineError(int index, Optional<String> customerNumber, String message) {
    }

    private final String description;
    private final transient List<LineError> lines;

    public InvalidInvitationRequest(String description, List<LineError> lines) {
        super(description, null, false, false);
        this.description = description;
        this.lines = List.copyOf(lines);
    }

    public String description() {
        return description;
    }

    public List<LineError> lines() {
        return lines;
    }
}
