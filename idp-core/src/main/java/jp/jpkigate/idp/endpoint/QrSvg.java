package jp.jpkigate.idp.endpoint;

import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;

/**
 * A QR code as inline SVG (one path of unit squares, a 4-module quiet zone, no scripts, no style
 * attributes, so it passes a strict CSP). Error correction level M (raised when it fits in the same
 * size), with one fixed mask pattern: choosing the best of the eight (ISO/IEC 18004 §7.8.3, eight
 * trial maskings and penalty scores) was most of the CPU of a login page, and every mask is valid.
 */
public final class QrSvg {
    private static final int BORDER = 4;
    /** Mask pattern 2 (vertical stripes, {@code x mod 3 = 0}): cheap to apply, any pattern scans. */
    static final int MASK = 2;

    private QrSvg() {
    }

    public static String render(String text, String label) {
        QrCode qr = QrCode.encodeSegments(QrSegment.makeSegments(text), QrCode.Ecc.MEDIUM, QrCode.MIN_VERSION,
                QrCode.MAX_VERSION, MASK, true);
        int size = qr.size + BORDER * 2;
        // One rectangle per horizontal run of dark modules: about half the bytes of one per module.
        StringBuilder path = new StringBuilder(qr.size * qr.size * 4);
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    int run = 1;
                    while (x + run < qr.size && qr.getModule(x + run, y)) {
                        run++;
                    }
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER)
                            .append('h').append(run).append("v1h-").append(run).append('z');
                    x += run;
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" role=\"img\" aria-label=\"" + Html.escape(label) + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000000\"/></svg>";
    }
}
