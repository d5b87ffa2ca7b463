package io.jetring.middleware.docs;

import io.jetring.api.DataSize;
import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.middleware.Compression;
import io.jetring.middleware.CompressionOptions;
import io.jetring.middleware.EventLog;
import io.jetring.middleware.ForwardedHeaders;
import io.jetring.middleware.ForwardedOptions;
import io.jetring.middleware.MimeTypes;
import io.jetring.middleware.SecurityHeaders;
import io.jetring.middleware.SecurityHeadersOptions;
import io.jetring.middleware.ServerSentEvent;
import io.jetring.middleware.ServerSentEvents;
import io.jetring.middleware.SseOptions;
import io.jetring.middleware.StaticFileOptions;
import io.jetring.middleware.StaticFiles;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/** The smaller examples of docs/middleware.md, one method each. */
public final class Examples {
    private Examples() {
    }

    /** "Static files": a single-page app from the class path, index.html for "/". */
    public static RingHandler singlePageApp() {
        RingHandler fallback = request -> Response.notFound();
        return fallback.wrap(StaticFiles.classpath("/", "public"));
    }

    /** "Static files": options. */
    public static StaticFileOptions assetOptions() {
        return StaticFileOptions.defaults()
                .withImmutableNames(".*\\.[0-9a-f]{8,}\\.(js|css|woff2)")
                .withMimeTypes(MimeTypes.defaults().with("glb", "model/gltf-binary"))
                .withCache(DataSize.ofKibibytes(256), DataSize.ofMebibytes(32));
    }

    /** "Compression": a stricter type list and a 10 MiB cap on inflated uploads. */
    public static CompressionOptions compressionOptions() {
        return CompressionOptions.defaults()
                .withContentTypes(List.of("text/*", "application/json", "+json"))
                .withMinSize(DataSize.ofBytes(512))
                .withMaxInflatedSize(DataSize.ofMebibytes(10));
    }

    /** "Compression": zstd to the clients that accept it, gzip to the others. */
    public static Middleware zstdFirst() {
        return Compression.of(CompressionOptions.defaults().withEncodings(List.of("zstd", "gzip")));
    }

        /** "Security headers": a content security policy, framing by the same origin. */
    public static SecurityHeadersOptions securityOptions() {
        return SecurityHeadersOptions.defaults()
                .withContentSecurityPolicy(SecurityHeadersOptions.STRICT_CSP)
                .withFrameOptions(java.util.Optional.of("SAMEORIGIN"));
    }

    /** "Forwarded headers": behind a load balancer in 10.0.0.0/8. */
    public static RingHandler behindAProxy(RingHandler app) {
        return app.wrap(SecurityHeaders.of()).wrap(ForwardedHeaders.of(ForwardedOptions.trusting("10.0.0.0/8")));
    }

    /** "Server-Sent Events": a feed that resumes after the last id the browser saw. */
    public static RingHandler feed(Feed feed) {
        return RingHandler.async(request -> {
            long after = ServerSentEvents.lastEventId(request).map(Long::parseLong).orElse(0L);
            Flow.Publisher<ServerSentEvent> events = feed.since(after);
            return CompletableFuture.completedFuture(ServerSentEvents.response(events,
                    SseOptions.defaults().withHeartbeat(Duration.ofSeconds(20)).withRetry(Duration.ofSeconds(2))));
        }).wrap(Compression.gzip());
    }

    /** "Server-Sent Events": a live feed that clients resume, with one event published. */
    public static RingHandler changes(EventLog changes) {
        RingHandler events = RingHandler.async(request -> CompletableFuture.completedFuture(changes.response(request)));
        changes.publish("created", "{\"id\":7}");   // event: created, id: 1, data: {"id":7}
        return events;
    }

    /** Where the feed's events come from: the application's own. */
    public interface Feed {
        /** The events after {@code id}, then the new ones as they happen. */
        Flow.Publisher<ServerSentEvent> since(long id);
    }

    /** A feed for the test: every subscriber gets the numbers after its id, up to 3. */
    public static Feed countingFeed() {
        return after -> {
            SubmissionPublisher<ServerSentEvent> publisher = new SubmissionPublisher<>();
            CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (publisher.getNumberOfSubscribers() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                for (long i = after + 1; i <= 3; i++) {
                    publisher.submit(ServerSentEvent.of("event " + i).withId(Long.toString(i)));
                }
                publisher.close();
            });
            return publisher;
        };
    }

}
