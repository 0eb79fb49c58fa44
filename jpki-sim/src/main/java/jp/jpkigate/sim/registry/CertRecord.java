package jp.jpkigate.sim.registry;

import java.time.Instant;
import java.util.Objects;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.Municipality;

/**
 * What the registry remembers of an issued certificate (the certificate itself is archived by the
 * {@link RegistryStore}).
 *
 * @param id          CA generation and serial
 * @param type        signature / authentication, card / phone
 * @param personId    the holder
 * @param deviceId    the card or phone holding the key
 * @param partition   the municipality whose CRL partition lists it (its CRL distribution point)
 * @param subjectId   the opaque CN
 * @param predecessor the certificate this one replaced (renewal, move, rename, new phone), or null
 */
public record CertRecord(CertId id, CertificateType type, String personId, String deviceId, Municipality partition,
                         String subjectId, Instant notBefore, Instant notAfter, CertId predecessor) {
    public CertRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}
