package jp.jpkigate.consent.api;

import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A QR code (error correction M, like the pages' SVG) as a PNG (ISO/IEC 15948): 1-bit grayscale,
 * {@link #SCALE} pixels a module, a 4-module quiet zone. Written directly (signature, IHDR, one zlib
 * IDAT, IEND), so it costs well under a millisecond and never touches ImageIO's global state on an
 * event loop.
 */
final class QrPng {
    /** Pixels per module: a 33-module code prints 3 cm wide at 300 dpi. */
    static final int SCALE = 8;
    static final int BORDER = 4;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private QrPng() {
    }

    /** The side of the image for a code of {@code modules} modules. */
    static int sizeFor(int modules) {
        return (modules + 2 * BORDER) * SCALE;
    }

    static byte[] render(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = sizeFor(qr.size);
        int rowBytes = (size + 7) / 8;
        byte[] raw = new byte[size * (rowBytes + 1)];
        byte[] line = new byte[rowBytes + 1]; // filter byte 0 (none), then the pixels; 1 is white
        for (int my = -BORDER; my < qr.size + BORDER; my++) {
            java.util.Arrays.fill(line, 1, line.length, (byte) 0);
            for (int x = 0; x < size; x++) {
                int mx = x / SCALE - BORDER;
                if (!(my >= 0 && mx >= 0 && mx < qr.size && my < qr.size && qr.getModule(mx, my))) {
                    line[1 + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
            for (int i = 0; i < SCALE; i++) {
                System.arraycopy(line, 0, raw, ((my + BORDER) * SCALE + i) * line.length, line.length);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        out.writeBytes(SIGNATURE);
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(size).putInt(size)
                .put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", deflate(raw));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
