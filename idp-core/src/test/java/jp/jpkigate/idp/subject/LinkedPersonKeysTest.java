package jp.jpkigate.idp.subject;

import static jp.jpkigate.idp.subject.MapLinkage.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The resolver's rules with an in-memory linkage and record (the simulator and Redis: RemoteCertificateLinkageTest). */
class LinkedPersonKeysTest {
    private final MapLinkage linkage = new MapLinkage()
            .renewed("sim:a", 1, "sim:b", 2)
            .renewed("sim:b", 2, "sim:b", 3)
            .goesWith("sig:b", 30, "sim:b", 3)
            .goesWith("sim:b", 99, "sim:b", 98)
            .goesWith("sim:b", 98, "sim:b", 97);
    private final MemoryPersonKeyStore records = new MemoryPersonKeyStore();
    private final LinkedPersonKeys persons = new LinkedPersonKeys(linkage, records);

    private Future<String> key(String issuer, long serial) {
        return persons.personKey(issuer, BigInteger.valueOf(serial));
    }

    @Test
    void theFirstCertificateOfTheChainGivesTheKeyWhichIsRecordedAndThenAnsweredWithoutTheLinkage() {
        assertThat(key("sim:b", 3).result()).isEqualTo("sim:a/1");
        assertThat(records.records).containsEntry(id("sim:b", 3), "sim:a/1");
        assertThat(key("sim:b", 3).result()).isEqualTo("sim:a/1");
        assertThat(linkage.asked).isEqualTo(1);
        assertThat(key("sim:a", 1).result()).as("the first certificate: the same key CertificatePersonKeys gives it")
                .isEqualTo(CertificatePersonKeys.keyOf("sim:a", BigInteger.ONE));
        assertThat(key("sim:b", 7).result()).as("a certificate the linkage does not know is its own first").isEqualTo("sim:b/7");
    }

    @Test
    void theNearestRecordedPredecessorPassesItsKeyOn() {
        records.records.put(id("sim:b", 2), "sim:b/2"); // recorded before the linkage knew of 1 → 2
        records.records.put(id("sim:a", 1), "sim:a/1");
        assertThat(key("sim:b", 3).result()).isEqualTo("sim:b/2");
    }

    @Test
    void aRecordedKeyNeverChangesAndALinkageFailureFailsWithoutRecording() {
        records.records.put(id("sim:b", 3), "earlier");
        assertThat(key("sim:b", 3).result()).isEqualTo("earlier");
        linkage.down = true;
        Future<String> failed = key("sim:b", 2);
        assertThat(failed.cause()).isInstanceOf(LinkageException.class);
        assertThat(records.records).doesNotContainKey(id("sim:b", 2));
    }

    @Test
    void aSignatureOrPhoneCertificateTakesTheKeyOfItsCardAuthenticationCertificate() {
        assertThat(key("sig:b", 30).result()).as("one person, one key for the card's two certificates").isEqualTo("sim:a/1");
        assertThat(records.records).containsEntry(id("sig:b", 30), "sim:a/1").containsEntry(id("sim:b", 3), "sim:a/1");
        assertThat(key("sim:b", 99).result()).as("a companion's companion is not followed").isEqualTo(CertificatePersonKeys.keyOf("sim:b", BigInteger.valueOf(98)));
    }
}
