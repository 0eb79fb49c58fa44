package jp.jpkigate.idp.jpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.sim.ca.CertificateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks {@link FourInformationParser} against a second, independent parser: OpenSSL.
 * OpenSSL 3.0 prints an otherName it has no name for as {@code othername: <OID>::<value>}, writing
 * each byte of the UTF8String as one Latin-1 character (so the UTF-8 arrives encoded twice); the
 * test undoes that, and accepts a correctly encoded value too should a later OpenSSL print one.
 */
class FourInformationOpensslTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final Pattern OTHER_NAME = Pattern.compile("othername: ([0-9.]+)::(.*?)(?=, othername: |$)");

    @Test
    void opensslReadsTheSameOtherNames(@TempDir Path dir) throws Exception {
        Path der = dir.resolve("signature.der");
        Files.write(der, SimPki.der(SimPki.issue(SimPki.SIGN_2023, CertificateType.SIGNATURE_CARD)));

        String sanLine = opensslText(der).lines().dropWhile(line -> !line.contains("Subject Alternative Name"))
                .skip(1).findFirst().orElseThrow().strip();
        Map<String, String> printed = new LinkedHashMap<>();
        Matcher matcher = OTHER_NAME.matcher(sanLine);
        while (matcher.find()) {
            printed.put(matcher.group(1), undoDoubleUtf8(matcher.group(2)));
        }
        FourInformation parsed = FourInformationParser.parse(SimPki.issue(SimPki.SIGN_2023, CertificateType.SIGNATURE_CARD));

        assertThat(printed.keySet()).containsExactly(FourInformationParser.NAME, FourInformationParser.BIRTH_DATE,
                FourInformationParser.GENDER, FourInformationParser.ADDRESS, FourInformationParser.NAME_MAP,
                FourInformationParser.ADDRESS_MAP);
        assertThat(printed).containsEntry(FourInformationParser.NAME, parsed.name())
                .containsEntry(FourInformationParser.NAME_MAP, parsed.nameMap())
                .containsEntry(FourInformationParser.GENDER, parsed.genderCode())
                .containsEntry(FourInformationParser.BIRTH_DATE, parsed.birthDateCode())
                .containsEntry(FourInformationParser.ADDRESS, parsed.address())
                .containsEntry(FourInformationParser.ADDRESS_MAP, parsed.addressMap());
        assertThat(printed.get(FourInformationParser.BIRTH_DATE)).isEqualTo("419900102");
    }

    private static String opensslText(Path der) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(OPENSSL.toString(), "x509", "-inform", "DER", "-in", der.toString(),
                "-text", "-noout").redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return new String(output, StandardCharsets.UTF_8);
    }

    /** "å±±" (the UTF-8 bytes of 山 printed as Latin-1 characters) becomes "山"; other text is left alone. */
    static String undoDoubleUtf8(String printed) {
        if (printed.chars().anyMatch(c -> c > 0xFF)) {
            return printed;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(printed.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return printed;
        }
    }
}
