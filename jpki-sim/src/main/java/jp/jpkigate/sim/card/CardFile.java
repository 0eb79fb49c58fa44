package jp.jpkigate.sim.card;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.Pem;

/**
 * A virtual card as a JSON file: what the chip holds (certificates, private keys, secrets, tries
 * counters, token name). Like the chip, the file holds the secrets and keys in the clear: it is the
 * simulated card itself, never shown by the CLI. Writes are atomic ({@link AtomicFiles}).
 *
 * <pre>{@code
 * {"format": "jpki-sim-card/1", "id": "C000001", "token": "CARD",
 *  "sign": {"certificate": PEM, "caCertificate": PEM, "key": PEM, "secret": "...", "triesLeft": 5},
 *  "auth": {...}}
 * }</pre>
 */
public final class CardFile {
    public static final String FORMAT = "jpki-sim-card/1";

    private CardFile() {
    }

    /** Loads a card whose tries counters are written back to {@code file} after every VERIFY. */
    public static VirtualCard open(Path file) {
        VirtualCard card = load(file);
        card.onCounterChange(() -> save(file, card));
        return card;
    }

    public static VirtualCard load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new CardFileException("no card file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void save(Path file, VirtualCard card) {
        AtomicFiles.write(file, toJson(card).encodePrettily());
    }

    public static JsonObject toJson(VirtualCard card) {
        return new JsonObject()
                .put("format", FORMAT)
                .put("id", card.id())
                .put("token", card.token().name())
                .put("sign", slotJson(card.slot(CaKind.SIGNATURE)))
                .put("auth", slotJson(card.slot(CaKind.AUTHENTICATION)));
    }

    /** Parses a card file; anything wrong gives a {@link CardFileException}, never another exception. */
    public static VirtualCard parse(String json) {
        try {
            JsonObject root = new JsonObject(json);
            if (!FORMAT.equals(root.getValue("format"))) {
                throw new CardFileException("not a " + FORMAT + " card file");
            }
            return new VirtualCard(text(root, "id"), TokenName.valueOf(text(root, "token")),
                    slot(CaKind.SIGNATURE, object(root, "sign")), slot(CaKind.AUTHENTICATION, object(root, "auth")));
        } catch (CardFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CardFileException("malformed card file: " + safeMessage(e), e);
        }
    }

    private static JsonObject slotJson(KeySlot slot) {
        return new JsonObject()
                .put("certificate", Pem.write(slot.certificate()))
                .put("caCertificate", Pem.write(slot.caCertificate()))
                .put("key", Pem.write(slot.keyPair()))
                .put("secret", slot.secret())
                .put("triesLeft", slot.triesLeft());
    }

    private static KeySlot slot(CaKind kind, JsonObject json) {
        X509Certificate certificate = Pem.readCertificate(text(json, "certificate"));
        KeyPair keys = Pem.readKeyPair(text(json, "key"));
        if (!Arrays.equals(certificate.getPublicKey().getEncoded(), keys.getPublic().getEncoded())) {
            throw new CardFileException("the " + kind.shortName() + " key does not match its certificate");
        }
        Object tries = json.getValue("triesLeft");
        if (!(tries instanceof Integer count)) {
            throw new CardFileException("triesLeft must be an integer");
        }
        return new KeySlot(kind, certificate, Pem.readCertificate(text(json, "caCertificate")), keys,
                text(json, "secret"), count);
    }

    private static String text(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (!(value instanceof String s)) {
            throw new CardFileException("missing text field '" + field + "'");
        }
        return s;
    }

    private static JsonObject object(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (!(value instanceof JsonObject o)) {
            throw new CardFileException("missing object '" + field + "'");
        }
        return o;
    }

    /** Exception text without echoing file content (which could hold a secret). */
    private static String safeMessage(RuntimeException e) {
        boolean ours = e instanceof IllegalArgumentException && !(e instanceof io.vertx.core.json.DecodeException);
        return ours ? e.getMessage() : "invalid JSON or field type (" + e.getClass().getSimpleName() + ")";
    }
}
