package jp.jpkigate.sim.card;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.sim.ca.CaKind;

/**
 * The JPKI application (JPKI-AP) of a My Number card or a phone, answering command APDUs as
 * shared/jpki/JPKI.md describes: SELECT AP / EF, READ BINARY, VERIFY and SIGN.
 *
 * <p>The security status of a key (after a correct VERIFY) lasts until the AP is selected again,
 * {@link #reset()} or a failed VERIFY of the same secret. Every VERIFY that carries data calls the
 * counter listener, so a {@link CardFile} can persist the tries counter at once. {@link #transmit}
 * never throws: malformed commands get a status word.
 */
public final class VirtualCard implements ApduChannel {
    private static final int INS_SELECT = 0xA4;
    private static final int INS_READ_BINARY = 0xB0;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_SIGN = 0x2A;

    private final String id;
    private final TokenName token;
    private final Map<CaKind, KeySlot> slots = new EnumMap<>(CaKind.class);
    private Runnable counterListener = () -> { };
    private boolean apSelected;
    private int currentEf = -1;
    private final EnumSet<CaKind> verified = EnumSet.noneOf(CaKind.class);

    public VirtualCard(String id, TokenName token, KeySlot signature, KeySlot authentication) {
        this.id = Objects.requireNonNull(id, "id");
        this.token = Objects.requireNonNull(token, "token");
        if (signature.kind() != CaKind.SIGNATURE || authentication.kind() != CaKind.AUTHENTICATION) {
            throw new IllegalArgumentException("slots must be a signature and an authentication key");
        }
        slots.put(CaKind.SIGNATURE, signature);
        slots.put(CaKind.AUTHENTICATION, authentication);
    }

    public String id() {
        return id;
    }

    public TokenName token() {
        return token;
    }

    public KeySlot slot(CaKind kind) {
        return slots.get(kind);
    }

    /** Called after every VERIFY that carries data (the counter may have changed). */
    public void onCounterChange(Runnable listener) {
        this.counterListener = Objects.requireNonNull(listener, "listener");
    }

    /** Power cycle: no AP selected, no security status. */
    public void reset() {
        apSelected = false;
        currentEf = -1;
        verified.clear();
    }

    @Override
    public byte[] transmit(byte[] commandApdu) {
        CommandApdu command = CommandApdu.parse(commandApdu);
        if (command == null) {
            return status(StatusWord.WRONG_LENGTH);
        }
        try {
            return dispatch(command);
        } catch (RuntimeException e) {
            return status(0x6F00);  // "no precise diagnosis": a bug, never expected (see the jqwik property)
        }
    }

    private byte[] dispatch(CommandApdu c) {
        if (c.cla() != 0x00 && c.cla() != 0x80) {
            return status(StatusWord.CLA_NOT_SUPPORTED);
        }
        int expectedCla = c.ins() == INS_SIGN ? 0x80 : 0x00;
        switch (c.ins()) {
            case INS_SELECT: case INS_READ_BINARY: case INS_VERIFY: case INS_SIGN:
                if (c.cla() != expectedCla) {
                    return status(StatusWord.CLA_NOT_SUPPORTED);
                }
                break;
            default:
                return status(StatusWord.INS_NOT_SUPPORTED);
        }
        switch (c.ins()) {
            case INS_SELECT: return select(c);
            case INS_READ_BINARY: return readBinary(c);
            case INS_VERIFY: return verify(c);
            default: return sign(c);
        }
    }

    private byte[] select(CommandApdu c) {
        if (c.p2() != 0x0C && c.p2() != 0x00) {
            return status(StatusWord.INCORRECT_P1_P2);
        }
        if (c.p1() == 0x04) {
            if (!Arrays.equals(c.data(), JpkiFiles.AID)) {
                return status(StatusWord.FILE_NOT_FOUND);
            }
            reset();
            apSelected = true;
            return status(StatusWord.OK);
        }
        if (c.p1() != 0x02) {
            return status(StatusWord.INCORRECT_P1_P2);
        }
        if (c.data().length != 2) {
            return status(StatusWord.WRONG_LENGTH);
        }
        int fid = ((c.data()[0] & 0xFF) << 8) | (c.data()[1] & 0xFF);
        if (!apSelected || !exists(fid)) {
            return status(StatusWord.FILE_NOT_FOUND);
        }
        currentEf = fid;
        return status(StatusWord.OK);
    }

    private static boolean exists(int fid) {
        switch (fid) {
            case JpkiFiles.SIGN_CERT: case JpkiFiles.SIGN_CA_CERT: case JpkiFiles.TOKEN_INFO:
            case JpkiFiles.AUTH_CERT: case JpkiFiles.AUTH_CA_CERT: case JpkiFiles.AUTH_KEY:
            case JpkiFiles.AUTH_PIN: case JpkiFiles.SIGN_KEY: case JpkiFiles.SIGN_PASSWORD:
                return true;
            default:
                return false;
        }
    }

    private byte[] readBinary(CommandApdu c) {
        if ((c.p1() & 0x80) != 0) {
            return status(StatusWord.INCORRECT_P1_P2);  // short EF identifiers are not supported
        }
        if (c.hasData() || c.le() == 0) {
            return status(StatusWord.WRONG_LENGTH);
        }
        if (currentEf == JpkiFiles.SIGN_CERT && !verified.contains(CaKind.SIGNATURE)) {
            return status(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        byte[] content = content(currentEf);
        if (content == null) {
            return status(StatusWord.COMMAND_NOT_ALLOWED);
        }
        int offset = (c.p1() << 8) | c.p2();
        if (offset >= content.length) {
            return status(StatusWord.WRONG_PARAMETERS);
        }
        int length = Math.min(c.le(), content.length - offset);
        return withStatus(Arrays.copyOfRange(content, offset, offset + length), StatusWord.OK);
    }

    /** The bytes of a readable EF, or null for none selected / keys / secrets. */
    private byte[] content(int fid) {
        try {
            switch (fid) {
                case JpkiFiles.SIGN_CERT: return slot(CaKind.SIGNATURE).certificate().getEncoded();
                case JpkiFiles.SIGN_CA_CERT: return slot(CaKind.SIGNATURE).caCertificate().getEncoded();
                case JpkiFiles.AUTH_CERT: return slot(CaKind.AUTHENTICATION).certificate().getEncoded();
                case JpkiFiles.AUTH_CA_CERT: return slot(CaKind.AUTHENTICATION).caCertificate().getEncoded();
                case JpkiFiles.TOKEN_INFO: return token.tokenInfo();
                default: return null;
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] verify(CommandApdu c) {
        if (c.p1() != 0x00 || c.p2() != 0x80) {
            return status(StatusWord.INCORRECT_P1_P2);
        }
        CaKind kind = currentEf == JpkiFiles.SIGN_PASSWORD ? CaKind.SIGNATURE
                : currentEf == JpkiFiles.AUTH_PIN ? CaKind.AUTHENTICATION : null;
        if (kind == null) {
            return status(StatusWord.COMMAND_NOT_ALLOWED);
        }
        KeySlot slot = slot(kind);
        if (slot.locked()) {
            return status(StatusWord.AUTHENTICATION_BLOCKED);
        }
        if (!c.hasData()) {
            return status(StatusWord.triesLeft(slot.triesLeft()));
        }
        byte[] expected = slot.secret().getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(expected, c.data())) {
            slot.setTriesLeft(slot.policy().maxTries());
            verified.add(kind);
            counterListener.run();
            return status(StatusWord.OK);
        }
        slot.setTriesLeft(slot.triesLeft() - 1);
        verified.remove(kind);
        counterListener.run();
        return status(StatusWord.triesLeft(slot.triesLeft()));
    }

    private byte[] sign(CommandApdu c) {
        if (c.p1() != 0x00 || c.p2() != 0x80) {
            return status(StatusWord.INCORRECT_P1_P2);
        }
        CaKind kind = currentEf == JpkiFiles.SIGN_KEY ? CaKind.SIGNATURE
                : currentEf == JpkiFiles.AUTH_KEY ? CaKind.AUTHENTICATION : null;
        if (kind == null) {
            return status(StatusWord.COMMAND_NOT_ALLOWED);
        }
        if (!c.hasData()) {
            return status(StatusWord.WRONG_LENGTH);
        }
        if (!verified.contains(kind)) {
            return status(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        try {
            return withStatus(CardSigner.sign(slot(kind).keyPair().getPrivate(), c.data()), StatusWord.OK);
        } catch (IllegalArgumentException e) {
            return status(StatusWord.WRONG_DATA);
        }
    }

    private static byte[] status(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    private static byte[] withStatus(byte[] data, int sw) {
        byte[] response = Arrays.copyOf(data, data.length + 2);
        response[data.length] = (byte) (sw >> 8);
        response[data.length + 1] = (byte) sw;
        return response;
    }
}
