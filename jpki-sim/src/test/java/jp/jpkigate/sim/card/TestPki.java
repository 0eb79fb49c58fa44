package jp.jpkigate.sim.card;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.CertificateIssuer;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.IssueRequest;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;
import java.math.BigInteger;

/**
 * Shared test PKI: CAs and RSA keys are generated once per JVM (RSA-2048 keygen is slow) and
 * reused by every test class.
 */
public final class TestPki {
    public static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<KeyAlgorithm, Map<CaKind, SimCa>> CAS = new EnumMap<>(KeyAlgorithm.class);
    private static final List<KeyPair> RSA_POOL = new ArrayList<>();
    private static int next;
    private static long serial = 500;

    private TestPki() {
    }

    /** RSA CAs are generation 2026, P-384 ones 2025 (both valid at {@link #NOW}). */
    public static synchronized SimCa ca(CaKind kind, KeyAlgorithm algorithm) {
        return CAS.computeIfAbsent(algorithm, a -> new EnumMap<>(CaKind.class)).computeIfAbsent(kind,
                k -> SimCa.create(k, algorithm == KeyAlgorithm.RSA_2048 ? 2026 : 2025, algorithm, RANDOM));
    }

    public static List<SimCa> allCas() {
        List<SimCa> all = new ArrayList<>();
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            for (CaKind kind : CaKind.values()) {
                all.add(ca(kind, algorithm));
            }
        }
        return all;
    }

    /** A card key: RSA keys cycle through a pool of five; P-384 keys are cheap and always new. */
    public static synchronized KeyPair key(KeyAlgorithm algorithm) {
        if (algorithm == KeyAlgorithm.EC_P384) {
            return algorithm.generateKeyPair(RANDOM);
        }
        if (RSA_POOL.size() < 5) {
            RSA_POOL.add(algorithm.generateKeyPair(RANDOM));
            return RSA_POOL.get(RSA_POOL.size() - 1);
        }
        return RSA_POOL.get(next++ % RSA_POOL.size());
    }

    /** A personalised card with certificates for a fixed test person. */
    public static VirtualCard card(String id, TokenName token, KeyAlgorithm algorithm, String pin, String password) {
        Map<CaKind, KeySlot> slots = new HashMap<>();
        for (CaKind kind : CaKind.values()) {
            SimCa ca = ca(kind, algorithm);
            KeyPair keys = key(algorithm);
            CertificateType type = CertificateType.of(kind, token.isPhone()
                    ? CertificateType.Device.PHONE : CertificateType.Device.CARD);
            FourInfo info = kind == CaKind.SIGNATURE
                    ? FourInfo.of("山田", "太郎", LocalDate.of(1990, 1, 2), FourInfo.Gender.MALE, "東京都新宿区西新宿2-8-1")
                    : null;
            X509Certificate cert = CertificateIssuer.issue(new IssueRequest(ca, type, keys.getPublic(), nextSerial(),
                    "ABCDEFGHIJKLMNOPQRSTUVW", Municipality.parse("Tokyo/Shinjuku-ku"), info, NOW,
                    NOW.plusSeconds(86_400L * 365)));
            slots.put(kind, KeySlot.fresh(kind, cert, ca.certificate(), keys,
                    kind == CaKind.SIGNATURE ? password : pin));
        }
        return new VirtualCard(id, token, slots.get(CaKind.SIGNATURE), slots.get(CaKind.AUTHENTICATION));
    }

    private static synchronized BigInteger nextSerial() {
        return BigInteger.valueOf(serial++);
    }

    /** Hex of an APDU written with spaces, e.g. {@code "00 A4 04 0C"}. */
    public static byte[] hex(String text) {
        String compact = text.replace(" ", "");
        byte[] bytes = new byte[compact.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(compact.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    public static int sw(byte[] response) {
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }
}
