package jp.jpkigate.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.jpkigate.sim.card.TestPki;
import jp.jpkigate.sim.consent.ConsentFile;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.consent.Registration;
import jp.jpkigate.sim.consent.SignedConsents;
import jp.jpkigate.sim.registry.SimState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code consents}, {@code withdraw-consent} and {@code protect} against a state directory the served API shares. */
class ConsentCliTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new SimCli(TestPki.CLOCK, TestPki.RANDOM, new ByteArrayInputStream(new byte[0]),
                Map.of()));
        cli.setOut(new PrintWriter(o));
        cli.setErr(new PrintWriter(e));
        List<String> all = new ArrayList<>(List.of("--state", dir.toString()));
        all.addAll(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    /** What {@code jpki-sim serve} does when the platform operator registers a consent. */
    private String registerAsTheServerWould(String consentId, String businessId, String... items) {
        SimState state = SimState.open(dir, TestPki.CLOCK, TestPki.RANDOM);
        ConsentRegistry consents = new ConsentRegistry(state::registry, new ConsentFile(dir), TestPki.CLOCK);
        return consents.register(Registration.parse(SignedConsents.consent(state.registry(), "C000001", consentId,
                businessId, items))).consent().registryId();
    }

    @Test
    void listWithdrawAndProtect() {
        assertThat(run("init")).isZero();
        assertThat(run("issue", "--family", "山田", "--given", "太郎", "--birth-date", "1990-01-02", "--gender", "male",
                "--address", "東京都新宿区西新宿2-8-1", "--municipality", "Tokyo/Shinjuku-ku",
                "--pin", SignedConsents.PIN, "--password", SignedConsents.PASSWORD)).isZero();
        assertThat(run("consents", "--person", "P000001")).isZero();
        assertThat(out).contains("person P000001", "no consents");

        String bank = registerAsTheServerWould("pf-1", "bank-001", "name", "address");
        String carrier = registerAsTheServerWould("pf-2", "carrier-002", "gender");
        assertThat(run("consents", "--person", "P000001")).isZero();
        assertThat(out).contains("consent " + bank + " (PF id pf-1): business bank-001 \"Bank bank-001\", items name,address",
                "active, recorded 2026-03-01T00:00:00Z, valid until 2036-03-01", "consent " + carrier);

        assertThat(run("withdraw-consent", "--person", "P000001", "--registry-id", bank)).isZero();
        assertThat(out).contains(bank, "withdrawn at 2026-03-01T00:00:00Z by person");
        assertThat(run("withdraw-consent", "--person", "P000001", "--registry-id", bank)).isEqualTo(ExitCodes.CONFLICT);
        assertThat(err).contains("already withdrawn");
        assertThat(run("withdraw-consent", "--person", "P000001", "--registry-id", "R999999"))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run("withdraw-consent", "--person", "P000404", "--registry-id", carrier))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run("withdraw-consent", "--person", "P000001")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("consents", "--person", "P000001")).isZero();
        assertThat(out).contains("withdrawn, recorded").contains("consent " + carrier + " (PF id pf-2)");

        assertThat(run("protect", "--person", "P000001")).isZero();
        assertThat(out).contains("under DV protection (address withheld)");
        assertThat(SimState.open(dir, TestPki.CLOCK, TestPki.RANDOM).registry().person("P000001").dvProtection()).isTrue();
        assertThat(run("status", "--person", "P000001")).isZero();
        assertThat(out).contains("under DV protection");
        assertThat(run("protect", "--person", "P000001", "--off")).isZero();
        assertThat(out).doesNotContain("DV protection");
        assertThat(SimState.open(dir, TestPki.CLOCK, TestPki.RANDOM).registry().person("P000001").dvProtection()).isFalse();
        assertThat(run("protect", "--person", "P000404")).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
