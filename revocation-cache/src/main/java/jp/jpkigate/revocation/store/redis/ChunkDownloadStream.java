package jp.jpkigate.revocation.store.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;

/**
 * An input stream, read on a worker thread, over chunks that {@code fetch} downloads on the Vert.x
 * context, one chunk ahead of the reader: at most two chunks are held at a time. A failed fetch
 * surfaces as an {@link IOException} from {@code read}.
 */
final class ChunkDownloadStream extends InputStream {
    private final Context context;
    private final int chunkCount;
    private final IntFunction<Future<Buffer>> fetch;
    private CompletableFuture<Buffer> next;
    private int nextIndex;
    private Buffer current;
    private int position;

    ChunkDownloadStream(Context context, int chunkCount, IntFunction<Future<Buffer>> fetch) {
        this.context = context;
        this.chunkCount = chunkCount;
        this.fetch = fetch;
        this.next = chunkCount > 0 ? request(0) : null;
    }

    private CompletableFuture<Buffer> request(int index) {
        CompletableFuture<Buffer> result = new CompletableFuture<>();
        context.runOnContext(v -> fetch.apply(index).onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        return result;
    }

    /** Moves to the next chunk; false at the end of the last one. */
    private boolean advance() throws IOException {
        while (current == null || position == current.length()) {
            if (next == null) {
                return false;
            }
            try {
                current = next.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while downloading a snapshot");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IOException io ? io : new IOException("snapshot chunk download failed", cause);
            }
            position = 0;
            nextIndex++;
            next = nextIndex < chunkCount ? request(nextIndex) : null;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return advance() ? current.getByte(position++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        current.getBytes(position, position + n, b, off);
        position += n;
        return n;
    }
}
