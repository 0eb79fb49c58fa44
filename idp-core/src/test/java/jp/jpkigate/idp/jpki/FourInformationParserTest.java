package jp.jpkigate.idp.jpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.JpkiOids;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

class FourInformationParserTest {

    @Test
    void readsWhatTheSimulatorIssued() throws Exception {
        X509Certificate certificate = SimPki.issue(SimPki.SIGN_2023, CertificateType.SIGNATURE_CARD);
        FourInfo issued = SimPki.FOUR_INFO;

        FourInformation info = FourInformationParser.parse(certificate);

        assertThat(info.name()).isEqualTo(issued.name()).isEqualTo("\u3013橋\u3000花子");
        assertThat(info.familyName()).isEqualTo("\u3013橋");
        assertThat(info.givenName()).isEqualTo("花子");
        assertThat(info.nameMap()).isEqualTo(issued.nameMap()).isEqualTo("10000");
        assertThat(info.gender()).isEqualTo(Gender.FEMALE);
        assertThat(info.genderCode()).isEqualTo("2");
        assertThat(info.oidcGender()).isEqualTo("female");
        assertThat(info.birthDateCode()).isEqualTo("419900102");
        assertThat(info.birthEra()).isEqualTo(4);
        assertThat(info.birthDate()).contains(LocalDate.of(1990, 1, 2));
        assertThat(info.oidcBirthdate()).contains("1990-01-02");
        assertThat(info.address()).isEqualTo(issued.address());
        assertThat(info.addressMap()).isEqualTo(issued.addressMap()).matches("0+");
        assertThat(info).isEqualTo(new FourInformation(issued.name(), issued.nameMap(), issued.gender(),
                issued.birthDate(), issued.address(), issued.addressMap()));
    }

    @Test
    void eraZeroMeansAnUnknownBirthDateAndANameWithoutSpaceHasNoSplit() throws Exception {
        FourInformation info = FourInformationParser.fromSubjectAltName(san(
                "ＪＯＨＮ", "1", "000000000", "大阪府大阪市北区", null, null));

        assertThat(info.familyName()).isNull();
        assertThat(info.givenName()).isNull();
        assertThat(info.gender()).isEqualTo(Gender.MALE);
        assertThat(info.oidcGender()).isEqualTo("male");
        assertThat(info.birthDate()).isEmpty();
        assertThat(info.oidcBirthdate()).isEmpty();
        assertThat(info.nameMap()).isNull();
    }

    @Test
    void badValuesAreMalformed() {
        assertMalformed(san("山田\u3000太郎", "4", "419900102", "東京都", "00000", "000"));
        assertMalformed(san("山田\u3000太郎", "1", "419900230", "東京都", "00000", "000"));
        assertMalformed(san("山田\u3000太郎", "1", "619900102", "東京都", "00000", "000"));
        assertMalformed(san("山田\u3000太郎", "1", "4199001", "東京都", "00000", "000"));
        assertMalformed(san("山田\u3000太郎", "1", "100000101", "東京都", "00000", "000"));
        assertMalformed(san("山田\u3000太郎", "1", "419900102", "東京都", "0x000", "000"));
    }

    @Test
    void missingItemsDuplicatesAndWrongStringTypesAreMalformed() throws Exception {
        assertMalformed(san("山田\u3000太郎", "1", "419900102", null, "00000", "000"));
        assertMalformed(san(null, "1", "419900102", "東京都", null, null));
        GeneralName name = otherName(JpkiOids.NAME, new DERUTF8String("山田"));
        GeneralName gender = otherName(JpkiOids.GENDER, new DERUTF8String("1"));
        GeneralName birth = otherName(JpkiOids.BIRTH_DATE, new DERUTF8String("419900102"));
        GeneralName address = otherName(JpkiOids.ADDRESS, new DERUTF8String("東京都"));
        assertMalformed(der(name, gender, birth, address, otherName(JpkiOids.NAME, new DERUTF8String("佐藤"))));
        assertMalformed(der(name, birth, address, otherName(JpkiOids.GENDER, new DERPrintableString("1"))));
        // Unknown otherName type-ids and other GeneralName kinds are ignored.
        FourInformation info = FourInformationParser.fromSubjectAltName(der(name, gender, birth, address,
                otherName(new ASN1ObjectIdentifier("1.2.3.4"), new DERPrintableString("x")),
                new GeneralName(GeneralName.rfc822Name, "a@example.jp")));
        assertThat(info.name()).isEqualTo("山田");
    }

    @Test
    void aSignatureCertificateWithoutSubjectAltNameIsMalformed() {
        X509Certificate auth = SimPki.issue(SimPki.AUTH_2023, CertificateType.AUTH_CARD);
        assertThatThrownBy(() -> FourInformationParser.parse(auth))
                .isInstanceOfSatisfying(JpkiVerificationException.class,
                        e -> assertThat(e.error()).isEqualTo(JpkiError.MALFORMED_CERTIFICATE));
    }

    static byte[] san(String name, String gender, String birth, String address, String nameMap, String addressMap) {
        java.util.List<GeneralName> names = new java.util.ArrayList<>();
        add(names, JpkiOids.NAME, name);
        add(names, JpkiOids.BIRTH_DATE, birth);
        add(names, JpkiOids.GENDER, gender);
        add(names, JpkiOids.ADDRESS, address);
        add(names, JpkiOids.NAME_MAP, nameMap);
        add(names, JpkiOids.ADDRESS_MAP, addressMap);
        return der(names.toArray(GeneralName[]::new));
    }

    private static void add(java.util.List<GeneralName> names, ASN1ObjectIdentifier oid, String value) {
        if (value != null) {
            names.add(otherName(oid, new DERUTF8String(value)));
        }
    }

    static GeneralName otherName(ASN1ObjectIdentifier oid, ASN1Encodable value) {
        return new GeneralName(GeneralName.otherName,
                new DERSequence(new ASN1Encodable[] {oid, new DERTaggedObject(true, 0, value)}));
    }

    static byte[] der(GeneralName... names) {
        try {
            return new GeneralNames(names).getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertMalformed(byte[] generalNames) {
        assertThatThrownBy(() -> FourInformationParser.fromSubjectAltName(generalNames))
                .isInstanceOfSatisfying(JpkiVerificationException.class,
                        e -> assertThat(e.error()).isEqualTo(JpkiError.MALFORMED_CERTIFICATE));
    }
}
