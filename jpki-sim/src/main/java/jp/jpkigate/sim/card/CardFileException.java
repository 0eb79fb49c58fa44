package jp.jpkigate.sim.card;

/** A card file that cannot be read: malformed JSON, missing or wrong fields, bad PEM, mismatched keys. */
public final class CardFileException extends IllegalArgumentException {
    public CardFileException(String message) {
        super(message);
    }

    public CardFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
