package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The QR code's SVG draws exactly the code's dark modules (runs of a row as one rectangle each), inside the quiet zone. */
class QrSvgTest {
    private static final Pattern RUN = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z");

    @Test
    void thePathPaintsEveryDarkModuleAndNothingElse() {
        String url = "https://op.example/login/" + "A".repeat(43);
        String svg = QrSvg.render(url, "QR code of the <signer> URL");
        QrCode qr = QrCode.encodeSegments(QrSegment.makeSegments(url), QrCode.Ecc.MEDIUM, QrCode.MIN_VERSION,
                QrCode.MAX_VERSION, QrSvg.MASK, true);
        int size = qr.size + 8;
        assertThat(svg).contains("viewBox=\"0 0 " + size + " " + size + "\"").contains("aria-label=\"QR code of the &lt;signer&gt; URL\"");

        boolean[][] painted = new boolean[size][size];
        String path = svg.substring(svg.indexOf(" d=\"") + 4, svg.indexOf('"', svg.indexOf(" d=\"") + 4));
        Matcher m = RUN.matcher(path);
        int end = 0;
        while (m.find()) {
            assertThat(m.start()).as("nothing between the runs").isEqualTo(end);
            end = m.end();
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            assertThat(m.group(3)).isEqualTo(m.group(4));
            for (int i = 0; i < Integer.parseInt(m.group(3)); i++) {
                assertThat(painted[y][x + i]).as("painted twice").isFalse();
                painted[y][x + i] = true;
            }
        }
        assertThat(end).isEqualTo(path.length());
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = x >= 4 && y >= 4 && x < qr.size + 4 && y < qr.size + 4 && qr.getModule(x - 4, y - 4);
                assertThat(painted[y][x]).as("module %d,%d", x, y).isEqualTo(dark);
            }
        }
    }
}
