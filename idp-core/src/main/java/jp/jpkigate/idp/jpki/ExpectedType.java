package jp.jpkigate.idp.jpki;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.idp.jpki.JpkiCertificateType.Device;
import jp.jpkigate.idp.jpki.JpkiCertificateType.Purpose;

/**
 * The kind of certificate a caller accepts: a purpose (login needs an authentication certificate,
 * identity verification and consent a signature certificate) and the devices allowed.
 *
 * @param purpose signature or user authentication
 * @param devices the devices accepted, never empty
 */
public record ExpectedType(Purpose purpose, Set<Device> devices) {
    public ExpectedType {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(devices, "devices");
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("at least one device must be accepted");
        }
        devices = Set.copyOf(devices);
    }

    /** Exactly one device. */
    public static ExpectedType of(Purpose purpose, Device device) {
        return new ExpectedType(purpose, Set.of(device));
    }

    /** Card or phone. */
    public static ExpectedType anyDevice(Purpose purpose) {
        return new ExpectedType(purpose, EnumSet.allOf(Device.class));
    }

    /** Exactly this certificate type. */
    public static ExpectedType exactly(JpkiCertificateType type) {
        return of(type.purpose(), type.device());
    }

    public boolean accepts(JpkiCertificateType type) {
        return type.purpose() == purpose && devices.contains(type.device());
    }

    @Override
    public String toString() {
        return purpose + (devices.size() == Device.values().length ? "/any device" : "/" + devices);
    }
}
