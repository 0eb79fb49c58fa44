package jp.jpkigate.idp.jpki;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Reads the basic 4 information from a signature certificate's subjectAltName (RFC 5280 section
 * 4.2.1.6): {@code otherName} entries {@code [0] { type-id OID, value [0] EXPLICIT UTF8String }}
 * with type-ids 1.2.392.200149.8.5.5.1 to .6. Name, gender, date of birth and address are required;
 * the two substitute-character maps are optional. Other names and unknown type-ids are ignored; a
 * JPKI type-id that appears twice, a value that is not a UTF8String or breaks the JPKI encoding,
 * and any undecodable byte make the certificate {@link JpkiError#MALFORMED_CERTIFICATE}.
 */
public final class FourInformationParser {
    private static final String ARC = "1.2.392.200149.8.5.5.";
    static final String NAME = ARC + "1";
    static final String NAME_MAP = ARC + "2";
    static final String GENDER = ARC + "3";
    static final String BIRTH_DATE = ARC + "4";
    static final String ADDRESS = ARC + "5";
    static final String ADDRESS_MAP = ARC + "6";
    private static final int MAX_VALUE_LENGTH = 1024;

    private FourInformationParser() {
    }

    /** The 4 information of a certificate; a certificate without subjectAltName is malformed here. */
    public static FourInformation parse(X509Certificate certificate) throws JpkiVerificationException {
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            throw malformed("the signature certificate has no subjectAltName with the basic 4 information");
        }
        byte[] generalNames;
        try {
            generalNames = ASN1OctetString.getInstance(extension).getOctets();
        } catch (RuntimeException e) {
            throw malformed("the subjectAltName extension value is not an OCTET STRING", e);
        }
        return fromSubjectAltName(generalNames);
    }

    /** The 4 information from the DER {@code GeneralNames} inside a subjectAltName extension value. */
    public static FourInformation fromSubjectAltName(byte[] generalNamesDer) throws JpkiVerificationException {
        Map<String, String> values = new HashMap<>();
        try {
            GeneralNames names = GeneralNames.getInstance(ASN1Primitive.fromByteArray(generalNamesDer));
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.otherName) {
                    readOtherName(name.getName(), values);
                }
            }
        } catch (JpkiVerificationException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw malformed("the subjectAltName is not valid DER GeneralNames", e);
        }
        String name = required(values, NAME, "name");
        String gender = required(values, GENDER, "gender");
        String birth = required(values, BIRTH_DATE, "date of birth");
        String address = required(values, ADDRESS, "address");
        try {
            return new FourInformation(name, values.get(NAME_MAP), gender, birth, address, values.get(ADDRESS_MAP));
        } catch (IllegalArgumentException e) {
            throw malformed("the basic 4 information is invalid: " + e.getMessage(), e);
        }
    }

    private static void readOtherName(ASN1Encodable otherName, Map<String, String> values)
            throws JpkiVerificationException {
        ASN1Sequence sequence = ASN1Sequence.getInstance(otherName);
        if (sequence.size() != 2) {
            throw malformed("an otherName must hold exactly a type-id and a value");
        }
        String typeId = ASN1ObjectIdentifier.getInstance(sequence.getObjectAt(0)).getId();
        if (!typeId.startsWith(ARC)) {
            return;
        }
        ASN1TaggedObject value = ASN1TaggedObject.getInstance(sequence.getObjectAt(1), BERTags.CONTEXT_SPECIFIC, 0);
        ASN1Primitive content = value.getExplicitBaseObject().toASN1Primitive();
        if (!(content instanceof ASN1UTF8String utf8)) {
            throw malformed("the value of otherName " + typeId + " is not a UTF8String");
        }
        String text = utf8.getString();
        if (text.length() > MAX_VALUE_LENGTH) {
            throw malformed("the value of otherName " + typeId + " is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        if (values.put(typeId, text) != null) {
            throw malformed("otherName " + typeId + " appears more than once");
        }
    }

    private static String required(Map<String, String> values, String oid, String what)
            throws JpkiVerificationException {
        String value = values.get(oid);
        if (value == null) {
            throw malformed("the signature certificate lacks the " + what + " (otherName " + oid + ")");
        }
        return value;
    }

    private static JpkiVerificationException malformed(String detail) {
        return new JpkiVerificationException(JpkiError.MALFORMED_CERTIFICATE, detail);
    }

    private static JpkiVerificationException malformed(String detail, Throwable cause) {
        return new JpkiVerificationException(JpkiError.MALFORMED_CERTIFICATE, detail, cause);
    }
}
