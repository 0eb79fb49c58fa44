package jp.jpkigate.revocation.source;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/** A write stream that passes at most {@code cap} bytes on and fails the pipe beyond. */
final class CappedWriteStream implements WriteStream<Buffer> {
    private final WriteStream<Buffer> delegate;
    private final long cap;
    private long written;

    CappedWriteStream(WriteStream<Buffer> delegate, long cap) {
        this.delegate = delegate;
        this.cap = cap;
    }

    long written() {
        return written;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        delegate.exceptionHandler(handler);
        return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
        written += data.length();
        if (written > cap) {
            return Future.failedFuture(new DownloadException("the CRL exceeds the size cap of " + cap + " bytes"));
        }
        return delegate.write(data);
    }

    @Override
    public Future<Void> end() {
        return delegate.end();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        delegate.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return delegate.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        delegate.drainHandler(handler);
        return this;
    }
}
