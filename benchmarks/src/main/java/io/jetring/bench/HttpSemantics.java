package io.jetring.bench;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.middleware.Compression;
import io.jetring.middleware.StaticFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The middleware benchmarks: static files and gzip, each as a jetring middleware and as the Jetty
 * handler that does the same job ({@code ResourceHandler}, the {@code jetty-compression} module's
 * {@code CompressionHandler}), serving the same bytes.
 */
final class HttpSemantics {
    /** The 16 KiB JSON document both gzip servers send. */
    static final byte[] JSON = json(16 * 1024);

    private HttpSemantics() {
    }

    /**
     * The folder both static servers serve: {@code 4k.bin} (4 KiB) and {@code 1m.bin} (1 MiB), the
     * same bytes on every run.
     */
    static Path files() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "jetring-bench-static");
        Files.createDirectories(dir);
        write(dir.resolve("4k.bin"), 4 * 1024);
        write(dir.resolve("1m.bin"), 1024 * 1024);
        return dir;
    }

    /** StaticFiles (defaults: validators, ranges, memory cache) around an async 404, on JetServer. */
    static RingHandler staticFiles() throws IOException {
        RingHandler notFound = RingHandler.async(request -> CompletableFuture.completedFuture(Response.notFound()));
        return notFound.wrap(StaticFiles.directory("/", files()));
    }

    /** Jetty's ResourceHandler, with ETags and ranges as StaticFiles sends them. */
    static Handler resourceHandler() throws IOException {
        ResourceHandler handler = new ResourceHandler();
        handler.setBaseResource(ResourceFactory.root().newResource(files()));
        handler.setDirAllowed(false);
        handler.setEtags(true);
        handler.setAcceptRanges(true);
        return handler;
    }

    /** The JSON from an async handler, through Compression.gzip() (defaults). */
    static RingHandler gzipJson() {
        return RingHandler.async(request -> CompletableFuture.completedFuture(
                Response.ok(JSON).withContentType("application/json"))).wrap(Compression.gzip());
    }

    /** The JSON from a non-blocking core handler, through Jetty's CompressionHandler with gzip. */
    static Handler jettyGzipJson() {
        CompressionHandler compression = new CompressionHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, JSON.length);
                response.write(true, ByteBuffer.wrap(JSON), callback);
                return true;
            }
        });
        compression.putCompression(new GzipCompression());
        return compression;
    }

    private static void write(Path file, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        if (!Files.exists(file) || Files.size(file) != size) {
            Files.write(file, bytes);
        }
    }

    private static byte[] json(int size) {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        Random random = new Random(16);
        int i = 0;
        while (sb.length() < size - 80) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i++).append(",\"name\":\"item-")
                    .append(Integer.toHexString(random.nextInt())).append("\",\"price\":").append(random.nextInt(10000))
                    .append(",\"tags\":[\"a\",\"b\"]}");
        }
        sb.append("]}");
        while (sb.length() < size) {
            sb.append(' ');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
