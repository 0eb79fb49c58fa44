package jp.jpkigate.sim.consent;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.sim.registry.CertId;

/**
 * J-LIS's answer to a request for the latest 4 information: either the person's current signature
 * certificate with the consented items, or nothing while the person has no newer valid signature
 * certificate.
 *
 * @param certificate     the current signature certificate; null when there is none yet
 * @param fourInformation the consented items that are disclosed, as J-LIS encodes them: name as on
 *                        the certificate (family name, U+3000, given name; substitute characters
 *                        kept), address as on the certificate, birthdate {@code yyyy-MM-dd}, gender
 *                        {@code 1} male, {@code 2} female, {@code 3} unknown
 * @param withheld        consented items not disclosed: the address of a person under a DV /
 *                        stalking protection measure
 */
public record Provision(CertId certificate, Map<Item, String> fourInformation, List<Item> withheld) {
    public Provision {
        fourInformation = fourInformation.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(fourInformation));
        withheld = List.copyOf(withheld);
        if (certificate == null && !(fourInformation.isEmpty() && withheld.isEmpty())) {
            throw new IllegalArgumentException("4 information come only with a new certificate");
        }
    }

    /** No newer valid signature certificate yet. */
    public static Provision noNewCertificate() {
        return new Provision(null, Map.of(), List.of());
    }

    public boolean updated() {
        return certificate != null;
    }
}
