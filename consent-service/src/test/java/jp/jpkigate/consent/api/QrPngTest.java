package jp.jpkigate.consent.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrPngTest {
    @Test
    void everyModuleIsDrawnAsAScaledSquareInsideAQuietZone() throws Exception {
        String link = "https://op.jpkigate.test/consent/i/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB";
        QrCode qr = QrCode.encodeText(link, QrCode.Ecc.MEDIUM);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrPng.render(link)));

        assertThat(image.getWidth()).isEqualTo(QrPng.sizeFor(qr.size)).isEqualTo(image.getHeight());
        for (int y = -QrPng.BORDER; y < qr.size + QrPng.BORDER; y++) {
            for (int x = -QrPng.BORDER; x < qr.size + QrPng.BORDER; x++) {
                boolean dark = x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.getModule(x, y);
                int px = (x + QrPng.BORDER) * QrPng.SCALE + QrPng.SCALE / 2;
                int py = (y + QrPng.BORDER) * QrPng.SCALE + QrPng.SCALE / 2;
                assertThat(image.getRGB(px, py) & 0xffffff).as("module %d,%d", x, y).isEqualTo(dark ? 0 : 0xffffff);
            }
        }
    }

    @Test
    void renderingIsCheapEnoughForTheEventLoop() {
        String link = "https://op.jpkigate.test/consent/i/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB";
        for (int i = 0; i < 200; i++) {
            QrPng.render(link);
        }
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            QrPng.render(link);
        }
        long micros = (System.nanoTime() - started) / 100 / 1000;
        System.out.println("QR PNG: " + micros + " µs each");
        assertThat(micros).isLessThan(20_000);
    }
}
