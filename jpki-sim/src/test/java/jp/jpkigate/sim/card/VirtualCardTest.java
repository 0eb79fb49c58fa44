package jp.jpkigate.sim.card;

import static jp.jpkigate.sim.card.TestPki.hex;
import static jp.jpkigate.sim.card.TestPki.sw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Providers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualCardTest {
    private static final String SELECT_AP = "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01";
    private final VirtualCard card = TestPki.card("C1", TokenName.CARD, KeyAlgorithm.RSA_2048, "1234", "ABC123");
    private final CardClient client = new CardClient(card);

    @Test
    void selectingEfsBeforeTheApFindsNothing() {
        assertThat(sw(card.transmit(hex("00 A4 02 0C 02 00 0A")))).isEqualTo(0x6A82);
        assertThat(sw(card.transmit(hex(SELECT_AP)))).isEqualTo(0x9000);
        assertThat(sw(card.transmit(hex("00 A4 02 0C 02 00 0A")))).isEqualTo(0x9000);
        assertThat(sw(card.transmit(hex("00 A4 02 0C 02 12 34")))).isEqualTo(0x6A82);
        assertThat(sw(card.transmit(hex("00 A4 04 0C 03 D3 92 F0")))).isEqualTo(0x6A82);
    }

    @Test
    void badCommandsGetTheirStatusWords() {
        assertThat(sw(card.transmit(hex("00 A4")))).isEqualTo(0x6700);
        assertThat(sw(card.transmit(hex("00 A4 04 0C 0A D3 92")))).isEqualTo(0x6700);
        assertThat(sw(card.transmit(hex("10 A4 04 0C 00")))).isEqualTo(0x6E00);
        assertThat(sw(card.transmit(hex("00 2A 00 80 01 00")))).isEqualTo(0x6E00);
        assertThat(sw(card.transmit(hex("00 CA 00 00 00")))).isEqualTo(0x6D00);
        card.transmit(hex(SELECT_AP));
        assertThat(sw(card.transmit(hex("00 B0 00 00 04")))).isEqualTo(0x6986);  // no EF selected
        card.transmit(hex("00 A4 02 0C 02 00 17"));
        assertThat(sw(card.transmit(hex("00 B0 00 00 04")))).isEqualTo(0x6986);  // a key is not readable
        assertThat(sw(card.transmit(hex("80 2A 00 80 02 30 00 00")))).isEqualTo(0x6982);  // not verified
    }

    @Test
    void tokenInfoIsThePaddedTokenName() {
        card.transmit(hex(SELECT_AP));
        card.transmit(hex("00 A4 02 0C 02 00 06"));
        byte[] response = card.transmit(hex("00 B0 00 00 20"));
        assertThat(sw(response)).isEqualTo(0x9000);
        assertThat(new String(response, 0, 32, StandardCharsets.US_ASCII)).isEqualTo("JPKIAPICCTOKEN2                 ");
        assertThat(client.tokenName()).isEqualTo("JPKIAPICCTOKEN2");
        VirtualCard iphone = new VirtualCard("M1", TokenName.IPHONE, card.slot(CaKind.SIGNATURE), card.slot(CaKind.AUTHENTICATION));
        assertThat(new CardClient(iphone).tokenName()).isEqualTo("JPKIAPIOSTOKEN");
    }

    @Test
    void triesLeftQuerySpendsNothing() {
        for (int i = 0; i < 5; i++) {
            assertThat(client.triesLeft(CaKind.AUTHENTICATION)).isEqualTo(3);
            assertThat(client.triesLeft(CaKind.SIGNATURE)).isEqualTo(5);
        }
        card.transmit(hex(SELECT_AP));
        card.transmit(hex("00 A4 02 0C 02 00 18"));
        assertThat(sw(card.transmit(hex("00 20 00 80")))).isEqualTo(0x63C3);
    }

    @Test
    void wrongPinCountsDownLocksAndCorrectPinResets(@TempDir Path dir) {
        Path file = dir.resolve("card.json");
        CardFile.save(file, card);
        VirtualCard opened = CardFile.open(file);
        assertThat(verify(opened, "0018", "9999")).isEqualTo(0x63C2);
        assertThat(verify(opened, "0018", "1234")).isEqualTo(0x9000);
        assertThat(CardFile.load(file).slot(CaKind.AUTHENTICATION).triesLeft()).isEqualTo(3);
        assertThat(verify(opened, "0018", "0000")).isEqualTo(0x63C2);
        assertThat(verify(opened, "0018", "0001")).isEqualTo(0x63C1);
        assertThat(verify(opened, "0018", "0002")).isEqualTo(0x63C0);
        VirtualCard reloaded = CardFile.open(file);  // the counter persisted after every VERIFY
        assertThat(reloaded.slot(CaKind.AUTHENTICATION).triesLeft()).isZero();
        assertThat(verify(reloaded, "0018", "1234")).isEqualTo(0x6984);
        assertThat(sw(reloaded.transmit(hex("00 20 00 80")))).isEqualTo(0x6984);
        assertThat(new CardClient(reloaded).triesLeft(CaKind.AUTHENTICATION)).isZero();
        assertThatThrownBy(() -> new CardClient(reloaded).sign(CaKind.AUTHENTICATION, "1234", new byte[1]))
                .isInstanceOfSatisfying(CardException.class, e -> assertThat(e.locked()).isTrue());
    }

    @Test
    void passwordLocksAfterFiveWrongTriesAcrossSaveAndLoad(@TempDir Path dir) {
        Path file = dir.resolve("card.json");
        CardFile.save(file, card);
        for (int left = 4; left >= 0; left--) {
            VirtualCard opened = CardFile.open(file);  // a new process each time
            assertThat(verify(opened, "001B", "WRONG1")).isEqualTo(0x63C0 | left);
        }
        assertThat(verify(CardFile.open(file), "001B", "ABC123")).isEqualTo(0x6984);
        assertThat(CardFile.load(file).slot(CaKind.AUTHENTICATION).triesLeft()).isEqualTo(3);
    }

    @Test
    void signatureCertificateNeedsThePassword() {
        assertThatThrownBy(() -> client.readCertificate(CaKind.SIGNATURE))
                .isInstanceOfSatisfying(CardException.class, e -> assertThat(e.statusWord()).isEqualTo(0x6982));
        assertThat(client.readCertificate(CaKind.AUTHENTICATION)).isEqualTo(card.slot(CaKind.AUTHENTICATION).certificate());
        assertThat(client.readCaCertificate(CaKind.SIGNATURE)).isEqualTo(card.slot(CaKind.SIGNATURE).caCertificate());
        assertThat(client.readCertificate(CaKind.SIGNATURE, "ABC123")).isEqualTo(card.slot(CaKind.SIGNATURE).certificate());
    }

    @Test
    void rawSignApduGivesSha256WithRsaOfTheOriginalBytes() throws Exception {
        byte[] data = "login challenge".getBytes(StandardCharsets.UTF_8);
        assertThat(verify(card, "0018", "1234")).isEqualTo(0x9000);
        card.transmit(hex("00 A4 02 0C 02 00 17"));
        byte[] digestInfo = CardClient.digestInfo(KeyAlgorithm.RSA_2048, data);
        assertThat(digestInfo).hasSize(0x33);
        byte[] apdu = new byte[5 + 0x33 + 1];
        System.arraycopy(hex("80 2A 00 80 33"), 0, apdu, 0, 5);
        System.arraycopy(digestInfo, 0, apdu, 5, 0x33);
        byte[] response = card.transmit(apdu);
        assertThat(sw(response)).isEqualTo(0x9000);
        byte[] signature = Arrays.copyOf(response, response.length - 2);
        assertThat(signature).hasSize(256);
        Signature expected = Signature.getInstance("SHA256withRSA", Providers.BC);
        expected.initSign(card.slot(CaKind.AUTHENTICATION).keyPair().getPrivate());
        expected.update(data);
        assertThat(signature).isEqualTo(expected.sign());
    }

    @Test
    void clientSignaturesVerifyAgainstTheCardCertificates() throws Exception {
        byte[] data = "contract".getBytes(StandardCharsets.UTF_8);
        for (CaKind kind : CaKind.values()) {
            String secret = kind == CaKind.SIGNATURE ? "ABC123" : "1234";
            byte[] signature = client.sign(kind, secret, data);
            X509Certificate cert = client.readCertificate(kind, secret);
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(cert);
            verifier.update(data);
            assertThat(verifier.verify(signature)).as(kind.name()).isTrue();
        }
    }

    @Test
    void p384CardSignsASha384DigestInfoWithDerEcdsa() throws Exception {
        VirtualCard ec = TestPki.card("C2", TokenName.ANDROID, KeyAlgorithm.EC_P384, "1234", "ABC123");
        CardClient ecClient = new CardClient(ec);
        byte[] data = "next generation".getBytes(StandardCharsets.UTF_8);
        byte[] signature = ecClient.sign(CaKind.SIGNATURE, "ABC123", data);
        assertThat(signature[0]).isEqualTo((byte) 0x30);
        Signature verifier = Signature.getInstance("SHA384withECDSA", Providers.BC);
        verifier.initVerify(ecClient.readCertificate(CaKind.SIGNATURE, "ABC123"));
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(ecClient.tokenName()).isEqualTo("JPKIAPGPSETOKEN");
    }

    @Test
    void cardFileRoundTrips() {
        VirtualCard copy = CardFile.parse(CardFile.toJson(card).encode());
        assertThat(copy.id()).isEqualTo("C1");
        assertThat(copy.token()).isEqualTo(TokenName.CARD);
        for (CaKind kind : CaKind.values()) {
            assertThat(copy.slot(kind).certificate()).isEqualTo(card.slot(kind).certificate());
            assertThat(copy.slot(kind).keyPair().getPrivate()).isEqualTo(card.slot(kind).keyPair().getPrivate());
        }
        assertThat(new CardClient(copy).readCertificate(CaKind.SIGNATURE, "ABC123")).isNotNull();
    }

    private static int verify(VirtualCard target, String fid, String secret) {
        target.transmit(hex(SELECT_AP));
        target.transmit(hex("00 A4 02 0C 02 " + fid));
        byte[] ascii = secret.getBytes(StandardCharsets.US_ASCII);
        byte[] apdu = Arrays.copyOf(hex("00 20 00 80"), 5 + ascii.length);
        apdu[4] = (byte) ascii.length;
        System.arraycopy(ascii, 0, apdu, 5, ascii.length);
        return sw(target.transmit(apdu));
    }
}
