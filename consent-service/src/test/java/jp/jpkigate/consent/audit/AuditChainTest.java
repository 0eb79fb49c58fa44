package jp.jpkigate.consent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);

    /**
     * A known answer, computed outside Java:
     * {@code printf 'jpki-gate/consent-audit/v1\n1\n<64 zeros>\n<event>' | sha256sum}.
     */
    @Test
    void hashesLabelSeqPrevAndCanonicalEvent() {
        AuditEntry first = AuditChain.next(AuditHead.EMPTY, AuditEvents.invited(clock, "inv-1", 3));

        assertThat(first.eventJson()).isEqualTo("{\"at\":\"2026-04-01T00:00:00Z\",\"business\":\"bank\","
                + "\"details\":{\"batch_size\":\"3\"},\"record\":\"inv-1\",\"type\":\"invited\"}");
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prev()).isEqualTo(AuditChain.GENESIS).hasSize(64).matches("0+");
        assertThat(first.hash()).isEqualTo("6fb2a4c6d007f7166c0a5ade8cd157ee9dc1a5b6722883d37ddb3c9172a3dc40");
        assertThat(first.hashMatches()).isTrue();
    }

    @Test
    void linksEachEntryToTheOneBefore() {
        AuditEntry first = AuditChain.next(AuditHead.EMPTY, AuditEvents.invited(clock, "inv-1", 3));
        AuditEntry second = AuditChain.next(AuditHead.of(first), AuditEvents.signed(clock, "c_1"));

        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prev()).isEqualTo(first.hash());
        assertThat(second.hash()).isEqualTo(AuditChain.hash(2, first.hash(), second.eventJson().getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(AuditChain.hash(3, first.hash(), second.eventBytes()));
        assertThat(new AuditEntry(2, first.hash(), second.eventJson().replace("bank", "bonk"), second.hash()).hashMatches()).isFalse();
        assertThat(new AuditEntry(2, "not hex", second.eventJson(), second.hash()).hashMatches()).isFalse();
    }

    @Test
    void refusesImpossibleLinks() {
        assertThatThrownBy(() -> AuditChain.hash(0, AuditChain.GENESIS, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditChain.hash(1, AuditChain.GENESIS.toUpperCase().replace('0', 'A'), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditHead(-1, AuditChain.GENESIS)).isInstanceOf(IllegalArgumentException.class);
    }
}
