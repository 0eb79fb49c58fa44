package jp.jpkigate.feed.detect;

import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.idp.approval.FourInformationItem;

/** J-LIS's answer to a request for a consent's latest 4 information. */
public sealed interface ProvisionAnswer {
    /**
     * The person's current signature certificate and the consented items J-LIS disclosed, in J-LIS's
     * encodings (name and address as on the certificate, birthdate {@code yyyy-MM-dd}, gender {@code 1|2|3}).
     *
     * @param caId     J-LIS's id of the CA generation that issued the current certificate
     * @param withheld consented items J-LIS withheld (the address of a person under a DV / stalking protection measure)
     */
    record Updated(String caId, BigInteger serial, Map<FourInformationItem, String> values,
                   Set<FourInformationItem> withheld) implements ProvisionAnswer {
        public Updated {
            Objects.requireNonNull(caId, "caId");
            Objects.requireNonNull(serial, "serial");
            values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
            withheld = withheld.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(withheld));
            if (values.keySet().stream().anyMatch(withheld::contains)) {
                throw new IllegalArgumentException("an item is disclosed and withheld");
            }
        }

        @Override
        public String toString() {
            return "Updated[" + caId + "/" + serial.toString(16) + ", items " + values.keySet() + ", withheld " + withheld + "]";
        }
    }

    /** The person has no newer signature certificate in force yet: ask again later. */
    record NoNewCertificate() implements ProvisionAnswer {
    }

    /** J-LIS says the consent is no longer in force there (withdrawn in its own app, replaced or expired). */
    record NotInForce() implements ProvisionAnswer {
    }
}
