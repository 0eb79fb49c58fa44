package jp.jpkigate.revocation.store.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * An output stream, written on a worker thread, that cuts what it receives into chunks of a fixed
 * size and hands each to {@code upload} on the Vert.x context. At most two chunks are in flight:
 * the writer waits for an upload to finish before cutting a third, so a 420 MB snapshot never
 * needs more than three chunks of memory. {@link #close()} uploads the last chunk and waits for
 * all; an upload failure surfaces as an {@link IOException} from the next write or the close.
 */
final class ChunkUploadStream extends OutputStream {
    private static final int IN_FLIGHT = 2;

    private final Context context;
    private final int chunkBytes;
    private final BiFunction<Integer, Buffer, Future<?>> upload;
    private final Semaphore permits = new Semaphore(IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private byte[] chunk;
    private int filled;
    private int chunks;
    private long bytes;
    private boolean closed;

    ChunkUploadStream(Context context, int chunkBytes, BiFunction<Integer, Buffer, Future<?>> upload) {
        this.context = context;
        this.chunkBytes = chunkBytes;
        this.upload = upload;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (chunk == null) {
                chunk = new byte[chunkBytes];
            }
            int n = Math.min(len, chunkBytes - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
            bytes += n;
            if (filled == chunkBytes) {
                send(chunk);
            }
        }
    }

    private void send(byte[] data) throws IOException {
        rethrow();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading a snapshot");
        }
        int index = chunks++;
        Buffer buffer = Buffer.buffer(data);
        chunk = null;
        filled = 0;
        context.runOnContext(v -> upload.apply(index, buffer).onComplete(result -> {
            if (result.failed()) {
                failure.compareAndSet(null, result.cause());
            }
            permits.release();
        }));
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (filled > 0) {
            send(Arrays.copyOf(chunk, filled));
        }
        try {
            permits.acquire(IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading a snapshot");
        }
        permits.release(IN_FLIGHT);
        rethrow();
    }

    /** Chunks handed to {@code upload}. */
    int chunks() {
        return chunks;
    }

    /** Bytes written. */
    long bytes() {
        return bytes;
    }

    private void rethrow() throws IOException {
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException("snapshot chunk upload failed: " + t, t);
        }
    }
}
