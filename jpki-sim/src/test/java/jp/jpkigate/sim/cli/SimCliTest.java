package jp.jpkigate.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.sim.ca.Pem;
import jp.jpkigate.sim.card.TestPki;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.sim.revocation.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI end to end, in process, against a temporary state directory. */
class SimCliTest {
    private static final String PIN = "4826";
    private static final String PASSWORD = "SECRET99";

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        return runWith(Map.of(), "", args);
    }

    private int runWith(Map<String, String> env, String stdin, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new SimCli(TestPki.CLOCK, TestPki.RANDOM,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env));
        cli.setOut(new PrintWriter(o));
        cli.setErr(new PrintWriter(e));
        List<String> all = new ArrayList<>(List.of("--state", dir.resolve("state").toString()));
        all.addAll(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        assertThat(out + err).doesNotContain(PASSWORD);
        return code;
    }

    @Test
    void initIssueSignLockMoveAndInspectWithOpenssl() throws Exception {
        assertThat(run("init")).isZero();
        assertThat(out).contains("sign-2021", "sign-2026", "auth-2026");
        assertThat(run("init")).isEqualTo(ExitCodes.CONFLICT);
        assertThat(run("issue", "--family", "山田", "--given", "太郎", "--birth-date", "1990-01-02", "--gender", "male",
                "--address", "東京都新宿区西新宿2-8-1", "--municipality", "Tokyo/Shinjuku-ku",
                "--pin", PIN, "--password", PASSWORD)).isZero();
        assertThat(out).contains("issued card C000001 to person P000001").doesNotContain(PIN);

        // bad arguments: exit 2
        assertThat(run("issue", "--family", "a", "--given", "b", "--birth-date", "1990-13-02", "--gender", "male",
                "--address", "x", "--municipality", "Tokyo/Shinjuku-ku", "--pin", PIN, "--password", PASSWORD))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("issue", "--family", "a", "--given", "b", "--birth-date", "1990-01-02", "--gender", "male",
                "--address", "x", "--municipality", "Tokyo/Shinjuku-ku", "--pin", "12", "--password", PASSWORD))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("sign", "--card", "C000001", "--pin", PIN, "--bogus")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("sign", "--card", "C999999", "--pin", PIN, "--data", "x")).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run("move", "--help")).isZero();
        assertThat(out).contains("--municipality");

        // sign with the PIN (authentication key) and with the password from the environment (signature key)
        Path authCert = dir.resolve("auth.pem");
        assertThat(run("sign", "--card", "C000001", "--pin", PIN, "--data", "hello", "--cert-out", authCert.toString()))
                .isZero();
        assertThat(verifies(out.trim(), "hello".getBytes(StandardCharsets.UTF_8), authCert)).isTrue();
        Path signCert = dir.resolve("sign.pem");
        Path sigFile = dir.resolve("sig.b64");
        assertThat(runWith(Map.of("JPKI_SIM_PASSWORD", PASSWORD), "document bytes", "sign", "--card", "C000001",
                "--out", sigFile.toString(), "--cert-out", signCert.toString())).isZero();
        assertThat(verifies(Files.readString(sigFile).trim(), "document bytes".getBytes(StandardCharsets.UTF_8), signCert))
                .isTrue();
        assertThat(Pem.readCertificate(Files.readString(signCert)).getSubjectX500Principal().getName()).contains("L=Tokyo");

        // three wrong PINs lock the authentication key, across runs
        assertThat(run("sign", "--card", "C000001", "--pin", "0000", "--data", "x")).isEqualTo(ExitCodes.WRONG_SECRET);
        assertThat(err).contains("2 tries left");
        assertThat(run("sign", "--card", "C000001", "--pin", "0001", "--data", "x")).isEqualTo(ExitCodes.WRONG_SECRET);
        assertThat(err).contains("1 tries left");
        assertThat(run("sign", "--card", "C000001", "--pin", "0002", "--data", "x")).isEqualTo(ExitCodes.LOCKED);
        assertThat(run("sign", "--card", "C000001", "--pin", PIN, "--data", "x")).isEqualTo(ExitCodes.LOCKED);
        assertThat(run("status", "--card", "C000001")).isZero();
        assertThat(out).contains("PIN 0/3", "password 5/5");

        // move: the old signature certificate is revoked (affiliationChanged), authentication untouched
        SimState before = SimState.open(dir.resolve("state"), TestPki.CLOCK, TestPki.RANDOM);
        Device card = before.registry().device("C000001");
        assertThat(run("move", "--person", "P000001", "--municipality", "Osaka/Kita-ku", "--address", "大阪府大阪市北区1-1"))
                .isZero();
        SimState after = SimState.open(dir.resolve("state"), TestPki.CLOCK, TestPki.RANDOM);
        Device moved = after.registry().device("C000001");
        assertThat(after.registry().status(card.signature()).reason()).isEqualTo(Reason.AFFILIATION_CHANGED);
        assertThat(moved.authentication()).isEqualTo(card.authentication());
        assertThat(after.registry().status(card.authentication()).good()).isTrue();
        assertThat(after.registry().events("sign-2026")).singleElement()
                .satisfies(e -> assertThat(e.partition().toString()).isEqualTo("Tokyo/Shinjuku-ku"));

        // conflicts and not-found
        assertThat(run("release", "--phone", "C000001")).isEqualTo(ExitCodes.CONFLICT);
        assertThat(run("revoke", "--serial", card.signature().serial().toString(), "--ca", "sign-2026"))
                .isEqualTo(ExitCodes.CONFLICT);
        assertThat(run("die", "--person", "P404")).isEqualTo(ExitCodes.NOT_FOUND);

        // openssl reads the new signature certificate
        Path pem = after.store().certificateFile(moved.signature());
        String text = openssl("x509", "-inform", "PEM", "-text", "-noout", "-in", pem.toString());
        assertThat(text).contains("othername: 1.2.392.200149.8.5.5.1::山田　太郎",
                "othername: 1.2.392.200149.8.5.5.4::419900102", "othername: 1.2.392.200149.8.5.5.3::1",
                "othername: 1.2.392.200149.8.5.5.5::大阪府大阪市北区1-1", "othername: 1.2.392.200149.8.5.5.2::00000",
                "othername: 1.2.392.200149.8.5.5.6::")
                .contains("X509v3 Key Usage: critical", "Digital Signature, Non Repudiation",
                        "Policy: 1.2.392.200149.8.5.1.1.20", "L = Osaka, L = Kita-ku", "O = JPKI-SIM");
        assertThat(sanOidOrder(pem)).containsExactly("1.2.392.200149.8.5.5.1", "1.2.392.200149.8.5.5.4",
                "1.2.392.200149.8.5.5.3", "1.2.392.200149.8.5.5.5", "1.2.392.200149.8.5.5.2", "1.2.392.200149.8.5.5.6");

        // CRLs that openssl reads with the right reasons: the move, then a lost card
        String oldSerial = String.format("%X", card.signature().serial());
        Path full = dir.resolve("full.crl");
        assertThat(run("crl", "--ca", "sign-2026", "--out", full.toString())).isZero();
        assertThat(crlText(full)).contains("Serial Number: " + oldSerial, "Affiliation Changed", "X509v3 CRL Number");
        Path partition = dir.resolve("shinjuku.crl");
        assertThat(run("crl", "--ca", "sign-2026", "--municipality", "Tokyo/Shinjuku-ku", "--out", partition.toString()))
                .isZero();
        assertThat(crlText(partition)).contains("Serial Number: " + oldSerial, "Issuing Distribution Point",
                "CN = Shinjuku-ku CRLDP");
        assertThat(run("crl", "--ca", "sign-2026", "--municipality", "Osaka/Kita-ku", "--out", partition.toString()))
                .isZero();
        assertThat(crlText(partition)).contains("No Revoked Certificates");
        assertThat(run("lose", "--card", "C000001")).isZero();
        assertThat(run("crl", "--ca", "auth-2026", "--out", full.toString())).isZero();
        assertThat(crlText(full)).contains("Serial Number: " + String.format("%X", card.authentication().serial()),
                "Certificate Hold");
        assertThat(run("crl", "--ca", "sign-2026", "--bulk", "1000", "--out", full.toString())).isZero();
        assertThat(crlText(full).split("Serial Number:", -1)).hasSize(1001);
        assertThat(run("crl", "--ca", "sign-1999", "--out", full.toString())).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run("crl", "--ca", "sign-2026", "--bulk", "10", "--delta-base", "1", "--out", full.toString()))
                .isEqualTo(ExitCodes.USAGE);
    }

    private static String crlText(Path der) throws Exception {
        return openssl("crl", "-inform", "DER", "-text", "-noout", "-in", der.toString());
    }

    private static boolean verifies(String base64, byte[] data, Path certificate) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(Pem.readCertificate(Files.readString(certificate)));
        verifier.update(data);
        return verifier.verify(Base64.getDecoder().decode(base64));
    }

    /** The otherName OIDs of the subjectAltName in encoding order, by {@code openssl asn1parse -strparse}. */
    private static List<String> sanOidOrder(Path pem) throws Exception {
        List<String> lines = openssl("asn1parse", "-in", pem.toString()).lines().toList();
        int offset = -1;
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).contains("X509v3 Subject Alternative Name")) {
                offset = Integer.parseInt(lines.get(i + 1).trim().split(":")[0]);
            }
        }
        assertThat(offset).isPositive();
        List<String> oids = new ArrayList<>();
        Matcher m = Pattern.compile("OBJECT\\s+:(\\S+)").matcher(
                openssl("asn1parse", "-in", pem.toString(), "-strparse", Integer.toString(offset)));
        while (m.find()) {
            oids.add(m.group(1));
        }
        return oids;
    }

    private static String openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
