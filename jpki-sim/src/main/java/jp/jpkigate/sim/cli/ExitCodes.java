package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.card.CardException;
import jp.jpkigate.sim.card.CardFileException;
import jp.jpkigate.sim.registry.ConflictException;
import jp.jpkigate.sim.registry.NotFoundException;
import picocli.CommandLine;

/**
 * Exit codes of {@code jpki-sim}, the same for every subcommand:
 * <ul>
 *   <li>0 success</li>
 *   <li>1 unexpected internal error</li>
 *   <li>2 bad arguments (unknown option, malformed date, PIN not 4 digits, ...)</li>
 *   <li>3 wrong PIN or password; the tries left are printed</li>
 *   <li>4 PIN or password locked (this try locked it, or it was locked already)</li>
 *   <li>5 not found: state directory, person, card, phone, certificate, card file</li>
 *   <li>6 conflict: the life event is not possible now (already revoked, deceased, card hold release, already initialised)</li>
 *   <li>7 other card error (a status word such as 6982) or a malformed card file</li>
 *   <li>8 {@code sign --url}: the OP refused the login (its JPKI error is printed), or answered
 *       unexpectedly; an unknown or expired transaction is 5, an already completed one 6</li>
 * </ul>
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    public static final int WRONG_SECRET = 3;
    public static final int LOCKED = 4;
    public static final int NOT_FOUND = 5;
    public static final int CONFLICT = 6;
    public static final int CARD_ERROR = 7;
    public static final int LOGIN_REFUSED = 8;

    private ExitCodes() {
    }

    /** The exit code for a failure of a subcommand's business logic. */
    public static int of(Throwable failure) {
        if (failure instanceof CardException card) {
            return card.locked() ? LOCKED : card.wrongSecret() ? WRONG_SECRET : CARD_ERROR;
        }
        if (failure instanceof CardFileException) {
            return CARD_ERROR;
        }
        if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof ConflictException) {
            return CONFLICT;
        }
        if (failure instanceof IllegalArgumentException) {
            return USAGE;
        }
        return INTERNAL;
    }
}
