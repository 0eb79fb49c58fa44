package jp.jpkigate.sim.crl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Objects;
import java.util.SplittableRandom;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.revocation.Reason;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Writes a signed, CA-wide full CRL (RFC 5280 5.1) with millions of synthetic entries straight to a
 * stream, to load-test CRL consumers at J-LIS scale (tens of millions of revoked serials per CA
 * generation) without issuing certificates or holding entries in memory.
 *
 * <p>How: the entries come from a deterministic generator seeded by {@link Spec#seed()}. A first pass
 * only adds up the DER lengths of the entries, so every SEQUENCE header can be written before its
 * content (DER needs definite lengths). The second pass encodes the TBSCertList into a buffer that is
 * fed to a {@link MessageDigest} as it is written out; the digest is then signed with
 * {@link Signature} (BouncyCastle): NONEwithRSA over the PKCS#1 DigestInfo (= sha256WithRSAEncryption),
 * or NONEwithECDSA (= ecdsa-with-SHA384). An ECDSA signature's DER length varies with r and s, yet the
 * outer CertificateList length was already written, so the writer re-signs (fresh random k) until the
 * signature has the length it announced, on average twice.
 *
 * <p>Generated entries: serials strictly increasing from a random 40-bit start with random gaps of
 * 1..24 (6-byte INTEGERs, like a CA numbering sequentially); revocation dates spread over the three
 * years before thisUpdate (not before the CA's notBefore); reasons 55% affiliationChanged, 30%
 * superseded, 7% cessationOfOperation, 5% certificateHold, 1% keyCompromise, 2% unspecified (no
 * reasonCode extension, RFC 5280 5.3.1).
 */
public final class BulkCrlWriter {
    private static final int BUFFER = 1 << 20;
    private static final long SPREAD = Duration.ofDays(3 * 365).getSeconds();
    private static final byte[] VERSION_V2 = {0x02, 0x01, 0x01};

    /**
     * What to write.
     *
     * @param ca         the CA generation whose name and key sign the CRL
     * @param count      how many revoked entries (0 omits revokedCertificates, RFC 5280 5.1.2.6)
     * @param seed       the generator seed: same seed, same entries
     * @param thisUpdate thisUpdate; nextUpdate is {@code thisUpdate + validity}
     * @param validity   nextUpdate - thisUpdate
     * @param crlNumber  the CRLNumber extension value
     */
    public record Spec(SimCa ca, long count, long seed, Instant thisUpdate, Duration validity, BigInteger crlNumber) {
        public Spec {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(thisUpdate, "thisUpdate");
            Objects.requireNonNull(validity, "validity");
            Objects.requireNonNull(crlNumber, "crlNumber");
            if (count < 0 || crlNumber.signum() < 0) {
                throw new IllegalArgumentException("count and crlNumber must not be negative");
            }
        }
    }

    /** What was written. */
    public record Result(long entries, long bytes) {
    }

    private BulkCrlWriter() {
    }

    public static Result write(Spec spec, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER)) {
            return write(spec, out);
        }
    }

    /** Writes the DER CertificateList to {@code out} (which stays open). */
    public static Result write(Spec spec, OutputStream out) throws IOException {
        SimCa ca = spec.ca();
        Instant thisUpdate = spec.thisUpdate().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        byte[] algorithm = new DefaultSignatureAlgorithmIdentifierFinder()
                .find(ca.algorithm().signatureAlgorithm()).getEncoded(ASN1Encoding.DER);
        byte[] issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded())
                .getEncoded(ASN1Encoding.DER);
        byte[] times = concat(new Time(Date.from(thisUpdate)).getEncoded(ASN1Encoding.DER),
                new Time(Date.from(thisUpdate.plus(spec.validity()))).getEncoded(ASN1Encoding.DER));
        byte[] extensions = extensions(ca, spec.crlNumber());
        long notBefore = ca.certificate().getNotBefore().toInstant().getEpochSecond();
        long spread = Math.max(1, Math.min(SPREAD, thisUpdate.getEpochSecond() - notBefore));

        long revokedContent = 0;
        Generator sizing = new Generator(spec.seed(), thisUpdate.getEpochSecond(), spread);
        for (long i = 0; i < spec.count(); i++) {
            sizing.next();
            revokedContent += 2 + sizing.entryContentLength();
        }
        long revoked = spec.count() == 0 ? 0 : headerLength(revokedContent) + revokedContent;
        long tbsContent = VERSION_V2.length + algorithm.length + issuer.length + times.length + revoked
                + extensions.length;
        long tbs = headerLength(tbsContent) + tbsContent;
        int signatureLength = signatureLength(ca);
        long bitString = headerLength(signatureLength + 1L) + signatureLength + 1L;
        long total = tbs + algorithm.length + bitString;

        MessageDigest digest = digest(ca.algorithm());
        Sink sink = new Sink(out, null);
        sink.header(0x30, total);
        sink.flush();
        sink = new Sink(out, digest);
        sink.header(0x30, tbsContent);
        sink.write(VERSION_V2);
        sink.write(algorithm);
        sink.write(issuer);
        sink.write(times);
        if (spec.count() > 0) {
            sink.header(0x30, revokedContent);
            Generator entries = new Generator(spec.seed(), thisUpdate.getEpochSecond(), spread);
            for (long i = 0; i < spec.count(); i++) {
                entries.next();
                entries.encode(sink);
            }
        }
        sink.write(extensions);
        sink.flush();
        byte[] signature = sign(ca, digest.digest(), signatureLength);
        sink = new Sink(out, null);
        sink.write(algorithm);
        sink.header(0x03, signature.length + 1L);
        sink.put((byte) 0);
        sink.write(signature);
        sink.flush();
        out.flush();
        return new Result(spec.count(), headerLength(total) + total);
    }

    private static byte[] extensions(SimCa ca, BigInteger number) throws IOException {
        try {
            Extensions extensions = new Extensions(new Extension[] {
                new Extension(Extension.cRLNumber, false, new CRLNumber(number).getEncoded(ASN1Encoding.DER)),
                new Extension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils()
                        .createAuthorityKeyIdentifier(ca.certificate().getPublicKey()).getEncoded(ASN1Encoding.DER)),
            });
            return new DERTaggedObject(true, 0, extensions).getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 uses the JDK's intrinsic (SHA-NI) implementation when the platform has one. */
    private static MessageDigest digest(KeyAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.digestAlgorithm());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature length announced before signing: the RSA modulus size, or the likeliest ECDSA DER length. */
    private static int signatureLength(SimCa ca) {
        if (ca.keyPair().getPrivate() instanceof RSAPrivateKey rsa) {
            return (rsa.getModulus().bitLength() + 7) / 8;
        }
        int order = (((ECPrivateKey) ca.keyPair().getPrivate()).getParams().getOrder().bitLength() + 7) / 8;
        // SEQUENCE { INTEGER r, INTEGER s }: one of r, s with its high bit set (a 0x00 pad), the other not.
        return 2 + (2 + order + 1) + (2 + order);
    }

    private static byte[] sign(SimCa ca, byte[] hash, int length) {
        try {
            boolean rsa = ca.algorithm() == KeyAlgorithm.RSA_2048;
            byte[] input = rsa
                    ? new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE), hash)
                            .getEncoded(ASN1Encoding.DER)
                    : hash;
            Signature signature = Signature.getInstance(rsa ? "NONEwithRSA" : "NONEwithECDSA",
                    jp.jpkigate.sim.ca.Providers.BC);
            for (int attempt = 0; attempt < 200; attempt++) {
                signature.initSign(ca.keyPair().getPrivate());
                signature.update(input);
                byte[] value = signature.sign();
                if (value.length == length) {
                    return value;
                }
            }
            throw new IllegalStateException("no signature of " + length + " bytes after 200 attempts");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign the bulk CRL", e);
        }
    }

    static int headerLength(long contentLength) {
        if (contentLength < 0x80) {
            return 2;
        }
        return 2 + (64 - Long.numberOfLeadingZeros(contentLength) + 7) / 8;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A write buffer that feeds what it flushes to the digest (if any). */
    private static final class Sink {
        private final OutputStream out;
        private final MessageDigest digest;
        private final byte[] buffer = new byte[BUFFER];
        private int used;

        Sink(OutputStream out, MessageDigest digest) {
            this.out = out;
            this.digest = digest;
        }

        void put(byte b) throws IOException {
            if (used == buffer.length) {
                flush();
            }
            buffer[used++] = b;
        }

        void write(byte[] bytes) throws IOException {
            for (byte b : bytes) {
                put(b);
            }
        }

        /** A tag and a DER definite length (RFC 5280 relies on X.690 DER). */
        void header(int tag, long length) throws IOException {
            put((byte) tag);
            if (length < 0x80) {
                put((byte) length);
                return;
            }
            int octets = (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
            put((byte) (0x80 | octets));
            for (int i = octets - 1; i >= 0; i--) {
                put((byte) (length >>> (8 * i)));
            }
        }

        void flush() throws IOException {
            if (digest != null) {
                digest.update(buffer, 0, used);
            }
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    /** The deterministic entry sequence; both passes replay it from the seed. */
    private static final class Generator {
        private static final byte[] REASON_PREFIX = {0x30, 0x0C, 0x30, 0x0A, 0x06, 0x03, 0x55, 0x1D, 0x15, 0x04,
            0x03, 0x0A, 0x01};
        private final SplittableRandom random;
        private final long thisUpdate;
        private final long spread;
        private final byte[][] days;
        private final long firstDay;
        private long serial;
        private long revokedAt;
        private Reason reason;

        Generator(long seed, long thisUpdate, long spread) {
            this.random = new SplittableRandom(seed);
            this.thisUpdate = thisUpdate;
            this.spread = spread;
            this.serial = (1L << 39) + random.nextLong(1L << 38);
            this.firstDay = Math.floorDiv(thisUpdate - spread, 86_400L);
            long lastDay = Math.floorDiv(thisUpdate, 86_400L);
            this.days = new byte[(int) (lastDay - firstDay + 1)][];
            for (int i = 0; i < days.length; i++) {
                LocalDate day = LocalDate.ofEpochDay(firstDay + i);
                days[i] = String.format("%02d%02d%02d", day.getYear() % 100, day.getMonthValue(), day.getDayOfMonth())
                        .getBytes(StandardCharsets.US_ASCII);
            }
            if (LocalDate.ofEpochDay(lastDay).getYear() >= 2050 || LocalDate.ofEpochDay(firstDay).getYear() < 1950) {
                throw new IllegalArgumentException("bulk CRL dates must lie in 1950..2049 (UTCTime, RFC 5280 5.1.2.4)");
            }
        }

        void next() {
            serial += 1 + random.nextInt(24);
            revokedAt = thisUpdate - random.nextLong(spread);
            int r = random.nextInt(100);
            reason = r < 55 ? Reason.AFFILIATION_CHANGED : r < 85 ? Reason.SUPERSEDED
                    : r < 92 ? Reason.CESSATION_OF_OPERATION : r < 97 ? Reason.CERTIFICATE_HOLD
                    : r < 98 ? Reason.KEY_COMPROMISE : Reason.UNSPECIFIED;
        }

        private int serialLength() {
            return (64 - Long.numberOfLeadingZeros(serial)) / 8 + 1;
        }

        /** INTEGER serial, UTCTime date, and the reasonCode extension unless unspecified. */
        int entryContentLength() {
            return 2 + serialLength() + 15 + (reason == Reason.UNSPECIFIED ? 0 : 14);
        }

        void encode(Sink sink) throws IOException {
            sink.put((byte) 0x30);
            sink.put((byte) entryContentLength());
            int length = serialLength();
            sink.put((byte) 0x02);
            sink.put((byte) length);
            for (int i = length - 1; i >= 0; i--) {
                sink.put((byte) (serial >>> (8 * i)));
            }
            sink.put((byte) 0x17);
            sink.put((byte) 13);
            long day = Math.floorDiv(revokedAt, 86_400L);
            sink.write(days[(int) (day - firstDay)]);
            int seconds = (int) (revokedAt - day * 86_400L);
            twoDigits(sink, seconds / 3600);
            twoDigits(sink, seconds / 60 % 60);
            twoDigits(sink, seconds % 60);
            sink.put((byte) 'Z');
            if (reason != Reason.UNSPECIFIED) {
                sink.write(REASON_PREFIX);
                sink.put((byte) reason.code());
            }
        }

        private static void twoDigits(Sink sink, int value) throws IOException {
            sink.put((byte) ('0' + value / 10));
            sink.put((byte) ('0' + value % 10));
        }
    }
}
