package jp.jpkigate.sim.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Distinguished names of the simulated J-LIS: the real layout, with O=JPKI-SIM so nothing passes for production. */
public final class SimNames {
    public static final String ORGANIZATION = "JPKI-SIM";
    static final String AGENCY = "Japan Agency for Local Authority Information Systems";

    private SimNames() {
    }

    /** The subject (and issuer) DN shared by every generation of one hierarchy's root CA. */
    public static X500Name caName(CaKind kind) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, kind.organizationalUnit())
                .addRDN(BCStyle.OU, AGENCY)
                .build();
    }

    /** Signature certificate subject: C=JP, L=prefecture, L=municipality, CN=opaque id. */
    public static X500Name signatureSubject(Municipality municipality, String subjectId) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.L, municipality.prefecture())
                .addRDN(BCStyle.L, municipality.city())
                .addRDN(BCStyle.CN, subjectId)
                .build();
    }

    /** User-authentication certificate subject: C=JP, CN=opaque id. */
    public static X500Name authSubject(String subjectId) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.CN, subjectId)
                .build();
    }
}
