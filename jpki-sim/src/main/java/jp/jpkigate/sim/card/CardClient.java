package jp.jpkigate.sim.card;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Providers;

/**
 * Talks to a JPKI application the way a reader app does, one APDU at a time over an
 * {@link ApduChannel}: select the AP, select files, read certificates in chunks, query and verify
 * secrets, sign a DigestInfo. Errors surface as {@link CardException} with the status word.
 */
public final class CardClient {
    private static final int CHUNK = 256;
    private final ApduChannel channel;

    public CardClient(ApduChannel channel) {
        this.channel = channel;
    }

    /** The token name of EF 0006, trailing spaces removed ({@code JPKIAPICCTOKEN2} for a card). */
    public String tokenName() {
        selectAp();
        selectEf(JpkiFiles.TOKEN_INFO);
        return new String(read(0, 32), StandardCharsets.US_ASCII).trim();
    }

    /** The certificate of a key; the signature certificate needs the password verified first. */
    public X509Certificate readCertificate(CaKind kind) {
        selectAp();
        return readCertificateFile(JpkiFiles.certificate(kind));
    }

    /** The signature certificate after verifying the password, or the authentication certificate after the PIN. */
    public X509Certificate readCertificate(CaKind kind, String secret) {
        verify(kind, secret);
        return readCertificateFile(JpkiFiles.certificate(kind));
    }

    public X509Certificate readCaCertificate(CaKind kind) {
        selectAp();
        return readCertificateFile(JpkiFiles.caCertificate(kind));
    }

    /** Tries left of a key's secret, without spending one; 0 when locked. */
    public int triesLeft(CaKind kind) {
        selectAp();
        selectEf(JpkiFiles.secret(kind));
        int sw = sw(channel.transmit(new byte[] {0x00, 0x20, 0x00, (byte) 0x80}));
        if (sw == StatusWord.AUTHENTICATION_BLOCKED) {
            return 0;
        }
        if (!StatusWord.isTriesLeft(sw)) {
            throw new CardException("query tries left", sw);
        }
        return sw & 0x0F;
    }

    /** Selects the AP and verifies a key's secret; a wrong or locked secret throws {@link CardException}. */
    public void verify(CaKind kind, String secret) {
        selectAp();
        selectEf(JpkiFiles.secret(kind));
        byte[] ascii = secret.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length == 0 || ascii.length > 255) {
            throw new IllegalArgumentException("a secret must be 1 to 255 characters");
        }
        check("VERIFY " + SecretPolicy.of(kind).label(), channel.transmit(command(0x00, 0x20, 0x00, 0x80, ascii, false)));
    }

    /**
     * Verifies the secret, reads the key's certificate to learn its algorithm, hashes {@code data}
     * (SHA-256 for RSA, SHA-384 for P-384), and sends the DigestInfo to SIGN. The result verifies
     * with the certificate's key as {@code SHA256withRSA} / {@code SHA384withECDSA} over {@code data}.
     */
    public byte[] sign(CaKind kind, String secret, byte[] data) {
        X509Certificate certificate = readCertificate(kind, secret);
        KeyAlgorithm algorithm = "RSA".equals(certificate.getPublicKey().getAlgorithm())
                ? KeyAlgorithm.RSA_2048 : KeyAlgorithm.EC_P384;
        byte[] digestInfo = digestInfo(algorithm, data);
        selectEf(JpkiFiles.key(kind));
        byte[] response = channel.transmit(command(0x80, 0x2A, 0x00, 0x80, digestInfo, true));
        check("SIGN", response);
        return Arrays.copyOf(response, response.length - 2);
    }

    /** The DER DigestInfo of {@code data} under the algorithm's digest (SHA-256: 51 bytes, Lc = 0x33). */
    public static byte[] digestInfo(KeyAlgorithm algorithm, byte[] data) {
        ASN1ObjectIdentifier oid = algorithm == KeyAlgorithm.RSA_2048
                ? NISTObjectIdentifiers.id_sha256 : NISTObjectIdentifiers.id_sha384;
        try {
            byte[] hash = MessageDigest.getInstance(algorithm.digestAlgorithm()).digest(data);
            return new DigestInfo(new AlgorithmIdentifier(oid, DERNull.INSTANCE), hash).getEncoded("DER");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void selectAp() {
        check("SELECT AP", channel.transmit(command(0x00, 0xA4, 0x04, 0x0C, JpkiFiles.AID, false)));
    }

    private void selectEf(int fid) {
        byte[] id = {(byte) (fid >> 8), (byte) fid};
        check("SELECT EF " + String.format("%04X", fid), channel.transmit(command(0x00, 0xA4, 0x02, 0x0C, id, false)));
    }

    private X509Certificate readCertificateFile(int fid) {
        selectEf(fid);
        byte[] head = read(0, 4);
        int total = derLength(head);
        ByteArrayOutputStream out = new ByteArrayOutputStream(total);
        while (out.size() < total) {
            out.writeBytes(read(out.size(), Math.min(CHUNK, total - out.size())));
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", Providers.BC);
            return (X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(out.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the card holds an unreadable certificate", e);
        }
    }

    /** Total length of a DER SEQUENCE from its first bytes ({@code 30 82 LL LL}: LLLL + 4). */
    private static int derLength(byte[] head) {
        if (head.length < 4 || head[0] != 0x30) {
            throw new IllegalStateException("not a DER certificate");
        }
        int first = head[1] & 0xFF;
        if (first < 0x80) {
            return first + 2;
        }
        if (first == 0x81) {
            return (head[2] & 0xFF) + 3;
        }
        if (first == 0x82) {
            return (((head[2] & 0xFF) << 8) | (head[3] & 0xFF)) + 4;
        }
        throw new IllegalStateException("certificate too long");
    }

    private byte[] read(int offset, int length) {
        byte[] response = channel.transmit(new byte[] {0x00, (byte) 0xB0, (byte) (offset >> 8), (byte) offset,
            (byte) (length == 256 ? 0 : length)});
        check("READ BINARY", response);
        return Arrays.copyOf(response, response.length - 2);
    }

    private static byte[] command(int cla, int ins, int p1, int p2, byte[] data, boolean le) {
        byte[] apdu = new byte[5 + data.length + (le ? 1 : 0)];
        apdu[0] = (byte) cla;
        apdu[1] = (byte) ins;
        apdu[2] = (byte) p1;
        apdu[3] = (byte) p2;
        apdu[4] = (byte) data.length;
        System.arraycopy(data, 0, apdu, 5, data.length);
        return apdu;  // a trailing Le byte, when present, is 00 (up to 256 bytes)
    }

    private static void check(String action, byte[] response) {
        int sw = sw(response);
        if (sw != StatusWord.OK) {
            throw new CardException(action, sw);
        }
    }

    private static int sw(byte[] response) {
        if (response == null || response.length < 2) {
            throw new IllegalStateException("response without status word");
        }
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }
}
