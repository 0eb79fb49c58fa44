package jp.jpkigate.idp.jpki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * How a card signs, chosen from the certificate's key (never from the request): today's cards use
 * RSA-2048 with PKCS#1 v1.5 over the SHA-256 DigestInfo of the signed bytes, which is exactly
 * {@code SHA256withRSA}; next-generation cards are reported to use ECDSA P-384 with SHA-384 and a
 * DER signature, i.e. {@code SHA384withECDSA}. ECDSA goes through BouncyCastle, passed explicitly;
 * RSA through the JDK's {@code SunRsaSign} (see {@link #subjectKey}).
 */
enum CardSignatureAlgorithm {
    RSA_PKCS1_SHA256("SHA256withRSA", "SunRsaSign"),
    ECDSA_P384_SHA384("SHA384withECDSA", null);

    /** The smallest RSA modulus accepted; JPKI cards use 2048 bits. */
    static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 8192;

    /** The primes below 1000: an RSA modulus divisible by one is no card's. */
    private static final long[] SMALL_PRIMES = IntStream.range(2, 1000)
            .filter(n -> BigInteger.valueOf(n).isProbablePrime(30)).asLongStream().toArray();
    /** The small primes in groups whose product fits a long: one division of the modulus per group. */
    private static final long[][] PRIME_GROUPS = groups();

    private final String jcaName;
    /** The JDK provider that verifies, or null for BouncyCastle. */
    private final String jdkProvider;

    CardSignatureAlgorithm(String jcaName, String jdkProvider) {
        this.jcaName = jcaName;
        this.jdkProvider = jdkProvider;
    }

    /**
     * The certificate's subject key, decoded once per verification; empty when it cannot be decoded.
     * An RSA key is decoded by the JDK ({@code SunRsaSign}) and refused here when a prime below 1000
     * (2 included) divides its modulus: BouncyCastle's RSA key would add a Miller-Rabin test of the
     * modulus, about 0.7 ms of event loop per login (its cache of tested moduli holds a handful,
     * cards are millions), where the JPKI CA's signature over the key, verified before, already
     * vouches for it. Any other key is BouncyCastle's.
     */
    static Optional<PublicKey> subjectKey(SubjectPublicKeyInfo keyInfo, X509Certificate certificate) {
        try {
            if (!PKCSObjectIdentifiers.rsaEncryption.equals(keyInfo.getAlgorithm().getAlgorithm())) {
                return Optional.ofNullable(certificate.getPublicKey());
            }
            PublicKey key = KeyFactory.getInstance("RSA", RSA_PKCS1_SHA256.jdkProvider)
                    .generatePublic(new X509EncodedKeySpec(keyInfo.getEncoded()));
            return hasSmallFactor(((RSAPublicKey) key).getModulus()) ? Optional.empty() : Optional.of(key);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The algorithm for a subscriber key (RFC 5280 section 4.1.2.7), empty when the key is not one a card uses. */
    static Optional<CardSignatureAlgorithm> forKey(SubjectPublicKeyInfo keyInfo, PublicKey key) {
        try {
            ASN1ObjectIdentifier algorithm = keyInfo.getAlgorithm().getAlgorithm();
            if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm) && key instanceof RSAPublicKey rsa) {
                int bits = rsa.getModulus().bitLength();
                return bits >= MIN_RSA_BITS && bits <= MAX_RSA_BITS ? Optional.of(RSA_PKCS1_SHA256) : Optional.empty();
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)
                    && SECObjectIdentifiers.secp384r1.equals(keyInfo.getAlgorithm().getParameters())) {
                return Optional.of(ECDSA_P384_SHA384);
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** True when a prime below 1000 (2 included) divides {@code modulus}. */
    static boolean hasSmallFactor(BigInteger modulus) {
        for (long[] group : PRIME_GROUPS) {
            long remainder = modulus.mod(BigInteger.valueOf(group[0])).longValue();
            for (int i = 1; i < group.length; i++) {
                if (remainder % group[i] == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Each group: the product of its primes, then the primes. */
    private static long[][] groups() {
        java.util.List<long[]> groups = new java.util.ArrayList<>();
        java.util.List<Long> current = new java.util.ArrayList<>();
        long product = 1;
        for (long prime : SMALL_PRIMES) {
            if (product > Long.MAX_VALUE / prime) {
                groups.add(group(product, current));
                current.clear();
                product = 1;
            }
            product *= prime;
            current.add(prime);
        }
        groups.add(group(product, current));
        return groups.toArray(long[][]::new);
    }

    private static long[] group(long product, java.util.List<Long> primes) {
        long[] group = new long[primes.size() + 1];
        group[0] = product;
        for (int i = 0; i < primes.size(); i++) {
            group[i + 1] = primes.get(i);
        }
        return group;
    }

    /** True when {@code signature} is this algorithm's valid signature of {@code data} under {@code key}. */
    boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = jdkProvider != null ? Signature.getInstance(jcaName, jdkProvider)
                    : Signature.getInstance(jcaName, CryptoProvider.BC);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A signature value that is not even decodable (wrong length, bad DER) is simply not valid.
            return false;
        }
    }

    String jcaName() {
        return jcaName;
    }
}
