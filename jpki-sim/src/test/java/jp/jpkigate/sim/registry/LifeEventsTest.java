package jp.jpkigate.sim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.card.TestPki;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.revocation.Reason;
import jp.jpkigate.sim.revocation.RevocationEvent;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

class LifeEventsTest {
    private static final Municipality SHINJUKU = Municipality.parse("Tokyo/Shinjuku-ku");
    private static final Municipality KITA = Municipality.parse("Osaka/Kita-ku");
    private final SimRegistry registry = new SimRegistry(new SimCas(TestPki.allCas()), TestPki.CLOCK, TestPki.RANDOM,
            TestPki::key, new MemoryStore());
    private final LifeEvents life = registry.life();

    private Device issueCard() {
        return life.issue(new CardRequest("山田", "太郎", LocalDate.of(1990, 1, 2), Gender.MALE, "東京都新宿区西新宿2-8-1",
                SHINJUKU, "1234", "ABC123", KeyAlgorithm.RSA_2048));
    }

    @Test
    void issueGivesTwoGoodCertificatesUntilTheFifthBirthday() throws Exception {
        Device card = issueCard();
        Device second = issueCard();
        CertRecord sign = registry.certificate(card.signature());
        assertThat(sign.notAfter()).isEqualTo(Instant.parse("2031-01-02T14:59:59Z"));
        assertThat(sign.subjectId()).hasSize(23);
        assertThat(sign.partition()).isEqualTo(SHINJUKU);
        assertThat(registry.status(card.signature()).good()).isTrue();
        assertThat(registry.issued("sign-2026", card.signature().serial())).isTrue();
        assertThat(registry.issued("sign-2026", card.signature().serial().add(java.math.BigInteger.TEN))).isFalse();
        assertThat(second.signature().serial()).isGreaterThan(card.signature().serial());
        assertThat(card.signature().serial()).isEqualTo(RevocationLedger.FIRST_SERIAL);
        X509Certificate onCard = new CardClient(registry.store().loadCard(card.id()))
                .readCertificate(CaKind.SIGNATURE, "ABC123");
        assertThat(onCard).isEqualTo(registry.store().certificate(card.signature()).orElseThrow());
        assertThat(cn(onCard)).isEqualTo(sign.subjectId());
        assertThat(onCard.getSerialNumber()).isEqualTo(card.signature().serial());
    }

    @Test
    void moveReplacesSignatureCertificatesOnCardAndPhoneOnly() {
        Device card = issueCard();
        Device phone = life.issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONE1");
        life.move(card.personId(), KITA, "大阪府大阪市北区1-1");

        Device movedCard = registry.device(card.id());
        Device movedPhone = registry.device(phone.id());
        assertThat(movedCard.authentication()).isEqualTo(card.authentication());
        assertThat(movedPhone.authentication()).isEqualTo(phone.authentication());
        assertThat(registry.status(card.authentication()).good()).isTrue();
        for (CertId old : List.of(card.signature(), phone.signature())) {
            assertThat(registry.status(old).reason()).isEqualTo(Reason.AFFILIATION_CHANGED);
            assertThat(registry.status(old).revoked()).isTrue();
        }
        assertThat(registry.certificate(movedCard.signature()).partition()).isEqualTo(KITA);
        assertThat(registry.successor(card.signature().caId(), card.signature().serial())).contains(movedCard.signature());
        assertThat(registry.predecessors("sign-2026", movedPhone.signature().serial())).containsExactly(phone.signature());
        List<RevocationEvent> events = registry.events("sign-2026");
        assertThat(events).extracting(RevocationEvent::partition).containsOnly(SHINJUKU);
        assertThat(events).extracting(RevocationEvent::sequence).containsExactly(1L, 2L);
        assertThat(registry.events("auth-2026")).isEmpty();
        X509Certificate newOnCard = new CardClient(registry.store().loadCard(card.id()))
                .readCertificate(CaKind.SIGNATURE, "ABC123");
        assertThat(newOnCard.getSerialNumber()).isEqualTo(movedCard.signature().serial());
    }

    @Test
    void renameRevokesTheSignatureCertificateAndCarriesTheNewName() throws Exception {
        Device card = issueCard();
        life.rename(card.personId(), "佐藤", "花子");
        CertId renewed = registry.device(card.id()).signature();
        assertThat(registry.status(card.signature()).reason()).isEqualTo(Reason.AFFILIATION_CHANGED);
        X509Certificate cert = registry.store().certificate(renewed).orElseThrow();
        assertThat(cert.getSubjectAlternativeNames().iterator().next().toString()).isNotEmpty();
        assertThat(new String(cert.getExtensionValue("2.5.29.17"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("佐藤　花子");
    }

    @Test
    void renewSupersedesBothCertificatesOfCardAndPhone() {
        Device card = issueCard();
        Device phone = life.issuePhone(card.id(), TokenName.IPHONE, "5678", "PHONE1");
        life.renew(card.id());
        for (Device before : List.of(card, phone)) {
            Device after = registry.device(before.id());
            for (CaKind kind : CaKind.values()) {
                CertId old = before.certificate(kind);
                assertThat(registry.status(old).reason()).isEqualTo(Reason.SUPERSEDED);
                assertThat(registry.successor(old.caId(), old.serial())).contains(after.certificate(kind));
                assertThat(registry.status(after.certificate(kind)).good()).isTrue();
            }
        }
        assertThat(registry.certificate(registry.device(phone.id()).signature()).notAfter())
                .isEqualTo(registry.certificate(registry.device(card.id()).signature()).notAfter());
    }

    @Test
    void aNewPhoneRetiresTheOldOne() {
        Device card = issueCard();
        Device first = life.issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONE1");
        Device second = life.issuePhone(card.id(), TokenName.IPHONE, "5678", "PHONE1");
        assertThat(registry.device(first.id()).retired()).isTrue();
        assertThat(registry.status(first.signature()).reason()).isEqualTo(Reason.SUPERSEDED);
        assertThat(registry.status(first.authentication()).reason()).isEqualTo(Reason.SUPERSEDED);
        assertThat(registry.linkedPhone(card.id())).contains(second);
        assertThat(new CardClient(registry.store().loadCard(second.id())).tokenName()).isEqualTo("JPKIAPIOSTOKEN");
        assertThat(registry.certificate(second.authentication()).notAfter())
                .isEqualTo(registry.certificate(card.authentication()).notAfter());
    }

    @Test
    void revokingACardCertificateRevokesThePhoneCertificateOfTheSameKind() {
        Device card = issueCard();
        Device phone = life.issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONE1");
        life.revoke(card.authentication(), Reason.KEY_COMPROMISE);
        assertThat(registry.status(phone.authentication()).reason()).isEqualTo(Reason.KEY_COMPROMISE);
        assertThat(registry.status(phone.signature()).good()).isTrue();
        assertThatThrownBy(() -> life.revoke(card.authentication(), Reason.UNSPECIFIED))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aLostCardIsHeldForGoodAndTheHoldDoesNotCascade() {
        Device card = issueCard();
        Device phone = life.issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONE1");
        life.lose(card.id());
        assertThat(registry.status(card.signature()).state()).isEqualTo(CertStatus.State.ON_HOLD);
        assertThat(registry.status(card.authentication()).reason()).isEqualTo(Reason.CERTIFICATE_HOLD);
        assertThat(registry.status(phone.authentication()).good()).isTrue();
        assertThatThrownBy(() -> life.revoke(card.authentication(), Reason.REMOVE_FROM_CRL))
                .isInstanceOf(ConflictException.class).hasMessageContaining("never released");
        assertThatThrownBy(() -> life.releasePhone(card.id())).isInstanceOf(ConflictException.class);
        life.revoke(card.signature(), Reason.KEY_COMPROMISE);  // found or not: revoked for good
        assertThat(registry.status(card.signature()).revoked()).isTrue();
    }

    @Test
    void aPhoneHoldIsReleasedWithRemoveFromCrl() {
        Device card = issueCard();
        Device phone = life.issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONE1");
        life.holdPhone(phone.id());
        assertThat(registry.status(phone.authentication()).state()).isEqualTo(CertStatus.State.ON_HOLD);
        life.releasePhone(phone.id());
        assertThat(registry.status(phone.authentication()).good()).isTrue();
        assertThat(registry.events("auth-2026")).extracting(RevocationEvent::reason)
                .containsExactly(Reason.CERTIFICATE_HOLD, Reason.REMOVE_FROM_CRL);
        assertThatThrownBy(() -> life.releasePhone(phone.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void deathRevokesEverythingAndEndsLifeEvents() {
        Device card = issueCard();
        Device phone = life.issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONE1");
        life.lose(card.id());
        life.die(card.personId());
        for (CertId id : List.of(card.signature(), card.authentication(), phone.signature(), phone.authentication())) {
            assertThat(registry.status(id).reason()).as(id.toString()).isEqualTo(Reason.CESSATION_OF_OPERATION);
        }
        assertThat(registry.person(card.personId()).deceased()).isTrue();
        assertThatThrownBy(() -> life.move(card.personId(), KITA, "大阪府")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> registry.person("nobody")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void p384CardsComeFromTheNextGenerationCa() {
        Device card = life.issue(new CardRequest("山田", "花子", LocalDate.of(2001, 7, 7), Gender.FEMALE, "東京都新宿区",
                SHINJUKU, "1234", "ABC123", KeyAlgorithm.EC_P384));
        assertThat(card.signature().caId()).isEqualTo("sign-2025");
        assertThat(new CardClient(registry.store().loadCard(card.id())).sign(CaKind.AUTHENTICATION, "1234", new byte[3]))
                .isNotEmpty();
    }

    @Test
    void badSecretsAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> new CardRequest("a", "b", LocalDate.of(1990, 1, 1), Gender.MALE, "x", SHINJUKU,
                "12345", "ABC123", KeyAlgorithm.RSA_2048))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("12345");
    }

    @Test
    void registryJsonRoundTrips() {
        Device card = issueCard();
        Device phone = life.issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONE1");
        life.move(card.personId(), KITA, "大阪府大阪市北区1-1");
        life.holdPhone(phone.id());
        SimRegistry copy = new SimRegistry(registry.cas(), TestPki.CLOCK, TestPki.RANDOM, TestPki::key, registry.store());
        RegistryJson.read(new io.vertx.core.json.JsonObject(RegistryJson.write(registry).encode()), copy);
        assertThat(copy.people()).isEqualTo(registry.people());
        assertThat(copy.devices(card.personId())).isEqualTo(registry.devices(card.personId()));
        assertThat(copy.certificates(card.personId())).isEqualTo(registry.certificates(card.personId()));
        for (String ca : List.of("sign-2026", "auth-2026")) {
            assertThat(copy.events(ca)).isEqualTo(registry.events(ca));
        }
        assertThat(copy.successor("sign-2026", card.signature().serial()))
                .isEqualTo(registry.successor("sign-2026", card.signature().serial()));
        Device next = copy.life().issue(new CardRequest("鈴木", "一郎", LocalDate.of(1980, 5, 5), Gender.MALE, "東京都",
                SHINJUKU, "1234", "ABC123", KeyAlgorithm.RSA_2048));
        assertThat(next.id()).isEqualTo("C000002");
        assertThat(next.signature().serial()).isGreaterThan(registry.device(phone.id()).signature().serial());
        copy.life().revoke(next.signature(), Reason.UNSPECIFIED);
        assertThat(copy.events("sign-2026")).extracting(RevocationEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    /**
     * A new card's signature certificate is minted before its authentication certificate; when the
     * second falls in the next second, the signature certificate still goes with it.
     */
    @Test
    void aNewCardsSignatureCertificateGoesWithItsAuthenticationCertificateAcrossASecond() {
        Clock ticking = new Clock() {
            private Instant now = TestPki.CLOCK.instant();

            @Override
            public synchronized Instant instant() {
                now = now.plusSeconds(1);
                return now;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        SimRegistry slow = new SimRegistry(new SimCas(TestPki.allCas()), ticking, TestPki.RANDOM, TestPki::key,
                new MemoryStore());
        Device card = slow.life().issue(new CardRequest("山田", "太郎", LocalDate.of(1990, 1, 2), Gender.MALE,
                "東京都新宿区西新宿2-8-1", SHINJUKU, "1234", "ABC123", KeyAlgorithm.RSA_2048));
        assertThat(slow.certificate(card.authentication()).notBefore()).isAfter(slow.certificate(card.signature()).notBefore());
        assertThat(slow.linkage(card.signature()).orElseThrow().companion()).contains(card.authentication());
    }

    private static String cn(X509Certificate cert) throws Exception {
        RDN[] cns = new JcaX509CertificateHolder(cert).getSubject().getRDNs(BCStyle.CN);
        return cns[0].getFirst().getValue().toString();
    }
}
