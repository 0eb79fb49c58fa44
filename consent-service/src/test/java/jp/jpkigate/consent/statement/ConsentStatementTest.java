package jp.jpkigate.consent.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.invitation.Purpose;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.idp.approval.FourInformationItem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ConsentStatementTest {
    private static final String ISSUER = "https://op.jpkigate.test";
    private static final String TXN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    /** 2026-11-23 23:30 in Japan. */
    private static final Instant NOW = Instant.parse("2026-11-23T14:30:00Z");
    private static final ConsentStatement.Business BANK = new ConsentStatement.Business("bank", "みずほ \"Example\" Bank");

    private static Invitation invitation(String purpose) {
        return new Invitation("inv-000000000000000000", "bank", "C-1", List.of(FourInformationItem.ADDRESS, FourInformationItem.NAME),
                purpose, NOW, NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void theConsentStatementIsCanonicalJsonOfEverythingThePersonSaw() {
        byte[] statement = ConsentStatement.consent(ISSUER, BANK, invitation("住所確認\\と\"確認\"のため"), NOW, TXN);
        assertThat(new String(statement, StandardCharsets.UTF_8)).isEqualTo("{\"business\":{\"id\":\"bank\",\"name\":"
                + "\"みずほ \\\"Example\\\" Bank\"},\"customer_number\":\"C-1\",\"date\":\"2026-11-23\",\"invitation\":"
                + "\"inv-000000000000000000\",\"issuer\":\"https://op.jpkigate.test\",\"items\":[\"name\",\"address\"],"
                + "\"purpose\":\"住所確認\\\\と\\\"確認\\\"のため\",\"service\":\"latest-4-information\",\"transaction\":\"" + TXN + "\","
                + "\"type\":\"jpki-gate-consent-v1\",\"validity\":\"10 years from the day after J-LIS records it\"}");
        // a minute later it is the next day in Japan
        assertThat(new String(ConsentStatement.consent(ISSUER, BANK, invitation("x"), NOW.plusSeconds(1800), TXN),
                StandardCharsets.UTF_8)).contains("\"date\":\"2026-11-24\"");
    }

    @Test
    void theWithdrawalStatementNamesTheConsent() {
        ConsentRecord consent = ConsentRecord.signed(invitation("x"), "person", NOW, new ConsentEvidence(new byte[] {1},
                new byte[] {2}, "sim:x", BigInteger.ONE, Optional.empty(), "valid", NOW));
        String text = new String(ConsentStatement.withdrawal(ISSUER, BANK, consent, NOW, TXN), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("{\"business\":{\"id\":\"bank\",\"name\":\"みずほ \\\"Example\\\" Bank\"},\"consent\":"
                + "\"inv-000000000000000000\",\"customer_number\":\"C-1\",\"date\":\"2026-11-23\",\"issuer\":"
                + "\"https://op.jpkigate.test\",\"transaction\":\"" + TXN + "\",\"type\":\"jpki-gate-consent-withdrawal-v1\"}");
        assertThatThrownBy(() -> ConsentStatement.withdrawal(ISSUER, new ConsentStatement.Business("other", "O"), consent, NOW, TXN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void anyPurposeGivesJsonThatReadsBackTheSame(@ForAll("purposes") String purpose) {
        byte[] statement = ConsentStatement.consent(ISSUER, BANK, invitation(purpose), NOW, TXN);
        JsonObject parsed = new JsonObject(new String(statement, StandardCharsets.UTF_8));
        assertThat(parsed.getString("purpose")).isEqualTo(purpose);
        assertThat(parsed.getJsonObject("business").getString("name")).isEqualTo(BANK.name());
        assertThat(parsed.fieldNames()).containsExactlyInAnyOrder("type", "service", "issuer", "business", "customer_number",
                "items", "purpose", "date", "validity", "invitation", "transaction");
    }

    @Provide
    Arbitrary<String> purposes() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60).filter(p -> {
            try {
                Purpose.require(p);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }
}
