package jp.jpkigate.consent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentAuditEventTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-04-01T09:30:00.123456Z"), ZoneOffset.UTC);

    @Test
    void writesCanonicalJsonToTheMillisecond() {
        ConsentAuditEvent event = AuditEvents.invited(clock, "inv-8Jk2", 250);

        assertThat(new String(event.toCanonicalJson(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"at\":\"2026-04-01T09:30:00.123Z\",\"business\":\"bank\",\"details\":{\"batch_size\":\"250\"},"
                        + "\"record\":\"inv-8Jk2\",\"type\":\"invited\"}");
    }

    @Test
    void parsesWhatItWrites() {
        for (ConsentAuditEvent event : new ConsentAuditEvent[] {AuditEvents.invited(clock, "inv-1", 1),
                AuditEvents.signed(clock, "c_1"), ConsentAuditEvent.of(ConsentAuditEventType.WITHDRAWAL_PULLED, clock.instant(), "bank", "c_1")}) {
            assertThat(ConsentAuditEvent.parse(event.toCanonicalJson())).isEqualTo(event);
        }
    }

    @Test
    void refusesFreeTextAndPersonalData() {
        assertThatThrownBy(() -> new ConsentAuditEvent(ConsentAuditEventType.REGISTRATION_FAILED, clock.instant(), "bank", "c_1",
                Map.of(AuditDetail.REASON, "Taro Yamada moved to Osaka"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("reason must match");
        assertThatThrownBy(() -> new ConsentAuditEvent(ConsentAuditEventType.CONSENT_SIGNED, clock.instant(), "bank", "c_1",
                AuditEvents.signature("0A"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsentAuditEvent.of(ConsentAuditEventType.CONSENT_WITHDRAWN, clock.instant(), "bank", "山田 太郎"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("record must match");
        assertThatThrownBy(() -> ConsentAuditEvent.of(ConsentAuditEventType.CONSENT_WITHDRAWN, clock.instant(), "a bank", "c_1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("business must match");
        assertThatThrownBy(() -> ConsentAuditEvent.parse(("{\"at\":\"2026-04-01T00:00:00Z\",\"business\":\"bank\",\"details\":{\"name\":\"x\"},"
                + "\"record\":\"c_1\",\"type\":\"consent_withdrawn\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown audit detail name");
        assertThatThrownBy(() -> ConsentAuditEvent.parse(("{\"at\":\"2026-04-01T00:00:00Z\",\"business\":\"bank\",\"details\":{},"
                + "\"record\":\"c_1\",\"type\":\"consent_withdrawn\",\"customer\":\"0012345\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("an audit event has exactly");
    }

    @Test
    void eachTypeCarriesItsRequiredDetails() {
        assertThatThrownBy(() -> ConsentAuditEvent.of(ConsentAuditEventType.INVITED, clock.instant(), "bank", "inv-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invited needs batch_size");
        assertThatThrownBy(() -> new ConsentAuditEvent(ConsentAuditEventType.REGISTRATION_FAILED, clock.instant(), "bank", "c_1",
                Map.of(AuditDetail.BATCH_SIZE, "1"))).isInstanceOf(IllegalArgumentException.class).hasMessage("registration_failed needs reason");
        assertThat(new ConsentAuditEvent(ConsentAuditEventType.REGISTRATION_FAILED, clock.instant(), "bank", "c_1",
                Map.of(AuditDetail.REASON, "jlis_unavailable")).details()).containsEntry(AuditDetail.REASON, "jlis_unavailable");
    }

    @Test
    void namesRoundTrip() {
        for (ConsentAuditEventType type : ConsentAuditEventType.values()) {
            assertThat(ConsentAuditEventType.ofWireName(type.wireName())).isSameAs(type);
        }
        for (AuditDetail detail : AuditDetail.values()) {
            assertThat(AuditDetail.ofWireName(detail.wireName())).isSameAs(detail);
        }
        assertThatThrownBy(() -> ConsentAuditEventType.ofWireName("INVITED")).isInstanceOf(IllegalArgumentException.class);
    }
}
