package jp.jpkigate.revocation.source;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Downloads CRLs with conditional GETs (RFC 9110 section 13.1: If-None-Match, If-Modified-Since)
 * and streams the body straight to a temporary file: a CRL of 50 million entries is about 2 GB, so
 * it never goes through memory. A size cap and timeouts bound every download. Everything runs on
 * the event loop without blocking; parsing the file is the caller's job, on a worker.
 */
public final class CrlDownloader {
    /**
     * Settings.
     *
     * @param maxBytes       the largest CRL accepted
     * @param connectTimeout TCP connect timeout
     * @param idleTimeout    longest silence while receiving
     * @param timeout        whole-download limit
     * @param tempDir        where bodies are written, null for the system temporary directory
     */
    public record Options(long maxBytes, Duration connectTimeout, Duration idleTimeout, Duration timeout, String tempDir) {
        public Options {
            if (maxBytes <= 0 || connectTimeout.isNegative() || idleTimeout.isNegative() || timeout.isNegative()) {
                throw new IllegalArgumentException("CRL download limits must be positive");
            }
        }

        /** 4 GiB, 10 s connect, 60 s idle, 30 min in all. */
        public static Options defaults() {
            return new Options(4L << 30, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(30), null);
        }
    }

    private static final long MAX_PROBLEM_BYTES = 16 * 1024;

    private final Vertx vertx;
    private final WebClient client;
    private final Options options;

    public CrlDownloader(Vertx vertx, WebClient client, Options options) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** GETs {@code url}, conditionally on {@code validators}; fails with {@link DownloadException}. */
    public Future<Download> fetch(String url, Validators validators) {
        FileSystem fs = vertx.fileSystem();
        Future<String> temp = options.tempDir() == null ? fs.createTempFile("crl-", ".download")
                : fs.createTempFile(options.tempDir(), "crl-", ".download", (String) null);
        return temp.compose(path -> fs.open(path, new OpenOptions().setWrite(true).setTruncateExisting(true))
                .compose(file -> send(url, validators, file)
                        .transform(ar -> {
                            if (ar.failed()) {
                                return fs.delete(path).otherwiseEmpty().compose(v -> Future.failedFuture(
                                        ar.cause() instanceof DownloadException ? ar.cause() : new DownloadException(
                                                "GET " + CrlSource.forLog(url) + " failed: " + ar.cause().getMessage())));
                            }
                            return outcome(url, Path.of(path), ar.result());
                        })));
    }

    private Future<Sent> send(String url, Validators validators, AsyncFile file) {
        CappedWriteStream capped = new CappedWriteStream(file, options.maxBytes());
        HttpRequest<Void> request = client.getAbs(url)
                .connectTimeout(options.connectTimeout().toMillis())
                .idleTimeout(options.idleTimeout().toMillis())
                .timeout(options.timeout().toMillis())
                .putHeader("Accept", "application/pkix-crl")
                .as(BodyCodec.pipe(capped, false));
        if (validators.etag() != null) {
            request.putHeader("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            request.putHeader("If-Modified-Since", validators.lastModified());
        }
        // close (which flushes pending writes) before anyone reads the file; a failed close fails the download
        return request.send().transform(ar -> file.close().transform(closed -> {
            if (ar.failed()) {
                return Future.failedFuture(ar.cause());
            }
            return closed.succeeded() ? Future.succeededFuture(new Sent(ar.result(), capped.written()))
                    : Future.failedFuture(closed.cause());
        }));
    }

    private record Sent(HttpResponse<Void> response, long size) {
    }

    private Future<Download> outcome(String url, Path file, Sent sent) {
        FileSystem fs = vertx.fileSystem();
        int status = sent.response().statusCode();
        if (status == 200) {
            return Future.succeededFuture(new Download.Fetched(file, sent.size(),
                    new Validators(sent.response().getHeader("ETag"), sent.response().getHeader("Last-Modified"))));
        }
        if (status == 404 && sent.size() <= MAX_PROBLEM_BYTES) {
            return fs.readFile(file.toString()).transform(body -> fs.delete(file.toString()).otherwiseEmpty()
                    .map(v -> new Download.NotFound(body.succeeded() ? problemType(body.result().toString()) : "")));
        }
        return fs.delete(file.toString()).otherwiseEmpty().compose(v -> status == 304
                ? Future.succeededFuture(new Download.NotModified())
                : Future.failedFuture(new DownloadException("GET " + CrlSource.forLog(url) + " answered HTTP " + status)));
    }

    private static String problemType(String body) {
        try {
            return new JsonObject(body).getString("type", "");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
