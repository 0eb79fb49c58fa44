package jp.jpkigate.sim.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vertx.core.json.JsonObject;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Malformed APDUs and card files get clean answers, never an unexpected exception. */
class CardProperties {
    private static final VirtualCard CARD = TestPki.card("C9", TokenName.CARD, KeyAlgorithm.RSA_2048, "1234", "ABC123");
    private static final String VALID_JSON = CardFile.toJson(CARD).encode();

    @Property(tries = 500)
    void randomBytesGetAStatusWord(@ForAll @Size(max = 300) byte[] apdu) {
        byte[] response = CARD.transmit(apdu);
        assertThat(response.length).isGreaterThanOrEqualTo(2);
        assertThat(TestPki.sw(response)).isNotEqualTo(0x6F00);
    }

    @Property(tries = 1000)
    void plausibleCommandsGetAStatusWord(@ForAll("commands") byte[] apdu) {
        byte[] response = CARD.transmit(apdu);
        assertThat(response.length).isGreaterThanOrEqualTo(2);
        assertThat(TestPki.sw(response)).isNotEqualTo(0x6F00);
    }

    @Provide
    Arbitrary<byte[]> commands() {
        Arbitrary<Byte> cla = Arbitraries.of((byte) 0x00, (byte) 0x80, (byte) 0x0C);
        Arbitrary<Byte> ins = Arbitraries.of((byte) 0xA4, (byte) 0xB0, (byte) 0x20, (byte) 0x2A, (byte) 0x88);
        Arbitrary<Byte> p = Arbitraries.of((byte) 0x00, (byte) 0x02, (byte) 0x04, (byte) 0x0C, (byte) 0x80,
                (byte) 0xFF);
        Arbitrary<byte[]> rest = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(60),
                Arbitraries.of(TestPki.hex("02 00 0A"), TestPki.hex("02 00 18"), TestPki.hex("02 00 1A"),
                        TestPki.hex("04 31 32 33 34"), TestPki.hex("0A D3 92 F0 00 26 01 00 00 00 01"),
                        TestPki.hex("33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 00")));
        return Combinators.combine(cla, ins, p, p, rest).as((c, i, p1, p2, r) -> {
            byte[] apdu = new byte[4 + r.length];
            apdu[0] = c;
            apdu[1] = i;
            apdu[2] = p1;
            apdu[3] = p2;
            System.arraycopy(r, 0, apdu, 4, r.length);
            return apdu;
        });
    }

    @Property(tries = 300)
    void arbitraryTextIsACardFileErrorAtWorst(@ForAll String text) {
        assertThatCode(() -> CardFile.parse(text))
                .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(CardFileException.class));
    }

    @Property(tries = 300)
    void mutatedCardFilesAreRejectedCleanly(@ForAll("paths") String path, @ForAll("values") Object value) {
        JsonObject json = new JsonObject(VALID_JSON);
        String[] parts = path.split("\\.");
        JsonObject target = parts.length == 2 ? json.getJsonObject(parts[0]) : json;
        target.put(parts[parts.length - 1], value);
        Throwable thrown = null;
        try {
            CardFile.parse(json.encode());
        } catch (Throwable t) {
            thrown = t;
        }
        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(CardFileException.class));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("format", "id", "token", "sign", "auth", "sign.certificate", "sign.caCertificate",
                "sign.key", "sign.secret", "sign.triesLeft", "auth.key", "auth.secret", "auth.triesLeft", "auth.certificate");
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.integers().between(-3, 20).map(i -> (Object) i),
                Arbitraries.of((Object) Boolean.TRUE, new JsonObject(), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                        CardFile.toJson(CARD).getJsonObject("auth").getString("key"), "9999", "ABCDEFG"));
    }
}
