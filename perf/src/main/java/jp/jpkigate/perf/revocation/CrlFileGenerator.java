package jp.jpkigate.perf.revocation;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Streams a large, validly signed X.509 v2 CRL (RFC 5280 section 5.1) to a file without holding it
 * in memory: the DER is written by hand with lengths computed up front (every entry is exactly 41
 * octets: an 8-octet serial from {@link SerialDistribution}, a UTCTime at midnight and a reasonCode
 * extension), and the TBSCertList is fed to a SHA256withRSA (RSA-2048, fixed 256-octet signature)
 * signer as it is written. The issuer's SubjectPublicKeyInfo goes to {@code <file>.pub}.
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar jp.jpkigate.perf.revocation.CrlFileGenerator 50000000 /tmp/crl-50m.der
 * </pre>
 */
public final class CrlFileGenerator {
    static final Provider BC = new BouncyCastleProvider();
    private static final int ENTRY = 41;
    private static final byte[] SHA256_RSA = {0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00};
    private static final byte[] REASON_PREFIX = {0x30, 0x0C, 0x30, 0x0A, 0x06, 0x03, 0x55, 0x1D, 0x15, 0x04, 0x03,
        0x0A, 0x01};

    private CrlFileGenerator() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        long t0 = System.nanoTime();
        KeyPair keys = write(file, n, 42);
        Files.write(Path.of(file + ".pub"), keys.getPublic().getEncoded());
        System.out.printf("wrote %,d entries, %,d bytes to %s in %.1f s%n", n, Files.size(file), file,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Writes the CRL and returns the issuer key pair. */
    static KeyPair write(Path file, int n, long seed) throws IOException, GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withRSA", BC);
        signer.initSign(keys.getPrivate());

        byte[] version = {0x02, 0x01, 0x01};
        byte[] issuer = new X500Name("C=JP,O=JPKI,OU=JPKI for digital signature,CN=Perf CA").getEncoded();
        byte[] thisUpdate = utc(LocalDate.ofEpochDay(SerialDistribution.DAY));
        byte[] nextUpdate = utc(LocalDate.ofEpochDay(SerialDistribution.DAY + 1));
        long listLength = (long) n * ENTRY;
        byte[] listHeader = header(0x30, listLength);
        Extensions ext = new Extensions(new Extension[] {
            new Extension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(1000)).getEncoded()),
            new Extension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(keys.getPublic()).getEncoded())});
        byte[] extensions = new DERTaggedObject(true, 0, ext).getEncoded();
        long tbsLength = version.length + SHA256_RSA.length + issuer.length + thisUpdate.length + nextUpdate.length
                + (n > 0 ? listHeader.length + listLength : 0) + extensions.length;
        byte[] tbsHeader = header(0x30, tbsLength);
        byte[] signatureHeader = {0x03, (byte) 0x82, 0x01, 0x01, 0x00};
        long outer = tbsHeader.length + tbsLength + SHA256_RSA.length + signatureHeader.length + 256;

        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(header(0x30, outer));
            for (byte[] part : new byte[][] {tbsHeader, version, SHA256_RSA, issuer, thisUpdate, nextUpdate}) {
                out.write(part);
                signer.update(part);
            }
            if (n > 0) {
                out.write(listHeader);
                signer.update(listHeader);
                writeEntries(out, signer, n, seed);
            }
            out.write(extensions);
            signer.update(extensions);
            out.write(SHA256_RSA);
            out.write(signatureHeader);
            out.write(signer.sign());
        }
        return keys;
    }

    private static void writeEntries(OutputStream out, Signature signer, int n, long seed)
            throws IOException, GeneralSecurityException {
        byte[][] dates = new byte[1826][];
        for (int d = 0; d < dates.length; d++) {
            dates[d] = utc(LocalDate.ofEpochDay(SerialDistribution.DAY - d));
        }
        byte[] chunk = new byte[ENTRY * 1600];
        int[] fill = {0};
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        IOException[] failure = {null};
        SerialDistribution.forEach(n, seed, serial -> {
            int p = fill[0];
            chunk[p++] = 0x30;
            chunk[p++] = ENTRY - 2;
            chunk[p++] = 0x02;
            chunk[p++] = 0x08;
            for (int i = 7; i >= 0; i--) {
                chunk[p++] = (byte) (serial >>> (8 * i));
            }
            int reason = SerialDistribution.reason(r);
            byte[] date = dates[r.nextInt(dates.length)];
            System.arraycopy(date, 0, chunk, p, date.length);
            p += date.length;
            System.arraycopy(REASON_PREFIX, 0, chunk, p, REASON_PREFIX.length);
            p += REASON_PREFIX.length;
            chunk[p++] = (byte) reason;
            fill[0] = p;
            if (p == chunk.length) {
                flush(out, signer, chunk, p, failure);
                fill[0] = 0;
            }
        });
        flush(out, signer, chunk, fill[0], failure);
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void flush(OutputStream out, Signature signer, byte[] chunk, int len, IOException[] failure) {
        try {
            out.write(chunk, 0, len);
            signer.update(chunk, 0, len);
        } catch (IOException e) {
            failure[0] = e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UTCTime TLV (RFC 5280 section 4.1.2.5.1) of midnight UTC on {@code day}. */
    static byte[] utc(LocalDate day) {
        String s = day.format(DateTimeFormatter.ofPattern("yyMMdd")) + "000000Z";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x17);
        b.write(13);
        b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** Tag and minimal DER length. */
    static byte[] header(int tag, long length) {
        int octets = length < 0x80 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
        byte[] h = new byte[2 + octets];
        h[0] = (byte) tag;
        h[1] = (byte) (octets == 0 ? length : 0x80 | octets);
        for (int i = 0; i < octets; i++) {
            h[2 + i] = (byte) (length >>> (8 * (octets - 1 - i)));
        }
        return h;
    }
}
