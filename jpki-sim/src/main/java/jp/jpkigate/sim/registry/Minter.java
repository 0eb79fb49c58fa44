package jp.jpkigate.sim.registry;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import jp.jpkigate.sim.ca.CertificateIssuer;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.IssueRequest;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.ca.Validity;

/** Issues one subscriber certificate on a new key: picks the CA, allocates the serial, records and archives it. */
final class Minter {
    private static final String ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** Length of the opaque CN [V]. */
    static final int SUBJECT_ID_LENGTH = 23;

    /** A new certificate with its key and the certificate of the CA that issued it. */
    record Minted(CertId id, X509Certificate certificate, KeyPair keys, X509Certificate caCertificate) {
    }

    private final SimRegistry registry;
    private final SecureRandom random;
    private final KeySource keys;

    Minter(SimRegistry registry, SecureRandom random, KeySource keys) {
        this.registry = registry;
        this.random = random;
        this.keys = keys;
    }

    /** The expiry of a card issued today: the 5th birthday after today, 23:59:59 JST. */
    static Instant cardExpiry(Person person, Instant now) {
        return Validity.endOfDayJst(Validity.fifthBirthdayAfter(person.birthDate(), Validity.dayInJapan(now)));
    }

    /**
     * Issues a certificate valid from now until {@code notAfter}, cut to the CA's own end, for the
     * person as registered now (municipality, 4 information).
     */
    Minted mint(CertificateType type, Person person, String deviceId, KeyAlgorithm algorithm, Instant notAfter,
                CertId predecessor) {
        Instant now = registry.now();
        SimCa ca = registry.cas().current(type.kind(), algorithm, now);
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        Instant end = notAfter.isAfter(caEnd) ? caEnd : notAfter;
        KeyPair pair = keys.generate(algorithm);
        CertId id = new CertId(ca.id(), registry.ledger().allocateSerial(ca.id()));
        String subjectId = subjectId();
        X509Certificate certificate = CertificateIssuer.issue(new IssueRequest(ca, type, pair.getPublic(), id.serial(),
                subjectId, person.municipality(), type.carriesFourInfo() ? person.fourInfo() : null, now, end));
        registry.record(new CertRecord(id, type, person.id(), deviceId, person.municipality(), subjectId, now, end,
                predecessor));
        registry.store().archive(id, certificate);
        return new Minted(id, certificate, pair, ca.certificate());
    }

    private String subjectId() {
        StringBuilder id = new StringBuilder(SUBJECT_ID_LENGTH);
        for (int i = 0; i < SUBJECT_ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
