package jp.jpkigate.sim.ca;

import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Where a person is registered, in the romanised form used in certificate DNs, e.g.
 * {@code Tokyo / Shinjuku-ku}. Each municipality is one CRL partition of each CA.
 */
public record Municipality(String prefecture, String city) {
    public Municipality {
        Objects.requireNonNull(prefecture, "prefecture");
        Objects.requireNonNull(city, "city");
        if (prefecture.isBlank() || city.isBlank()) {
            throw new IllegalArgumentException("prefecture and city must not be blank");
        }
    }

    /** Parses "Prefecture/City". */
    public static Municipality parse(String value) {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            throw new IllegalArgumentException("municipality must look like Prefecture/City, got '" + value + "'");
        }
        return new Municipality(value.substring(0, slash).trim(), value.substring(slash + 1).trim());
    }

    /**
     * The directoryName of this municipality's CRL partition of a CA:
     * {@code C=JP,O=JPKI-SIM,OU=<hierarchy>,OU=CRL Distribution Points,OU=<Prefecture>,CN=<City> CRLDP}.
     */
    public X500Name crlDistributionPoint(CaKind kind) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, SimNames.ORGANIZATION)
                .addRDN(BCStyle.OU, kind.organizationalUnit())
                .addRDN(BCStyle.OU, "CRL Distribution Points")
                .addRDN(BCStyle.OU, prefecture)
                .addRDN(BCStyle.CN, city + " CRLDP")
                .build();
    }

    @Override
    public String toString() {
        return prefecture + "/" + city;
    }
}
