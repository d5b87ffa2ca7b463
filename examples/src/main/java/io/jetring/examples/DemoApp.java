package io.jetring.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Publishers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.observe.Health;
import io.jetring.api.RingHandler;
import io.jetring.rpc.Codec;
import io.jetring.rpc.Pipeline;
import io.jetring.rpc.RpcServer;
import io.jetring.router.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The demo application: these endpoints, all non-blocking, and the notes application
 * ({@link NotesApp}) beside them, on one router:
 * <ul>
 *   <li>{@code GET /hello}: {@code Hello, World!} as {@code text/plain};</li>
 *   <li>{@code GET /async?ms=N}: answered after N ms (0..60000), no thread held meanwhile;</li>
 *   <li>{@code GET /stream?chunks=N&size=B}: N chunks of B bytes (B up to 64 KiB, 400 past it),
 *       streamed from a publisher that allocates no buffer of its own;</li>
 *   <li>{@code POST /echo}: the request body streamed back with the same content type;</li>
 *   <li>{@code GET /json}: a small JSON object;</li>
 *   <li>{@code POST /digest}: the SHA-256 of the body, read whole into memory under the server's
 *       {@code maxBodySize} (413 past it);</li>
 *   <li>{@code ws://…/ws/echo}: a WebSocket that echoes text as text and binary as binary
 *       (a WebSocket route);</li>
 *   <li>{@code ws://…/rpc}: RPC whose reply to a request is its payload, unchanged ({@link #rpcServer()});</li>
 *   <li>{@code GET /}: a page that calls {@code /rpc} from the browser and shows the reply, and the
 *       notes application's login form;</li>
 *   <li>{@code GET /rpc.js}: the browser's RPC client, an ES module.</li>
 * </ul>
 */
public final class DemoApp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CHUNK = 64 * 1024;
    /**
     * {@code PIECES[k]} holds 2<sup>k</sup> bytes of {@code 'x'}, up to {@code MAX_CHUNK}: shared by
     * every {@code /stream} response and never written to, so that the bytes a client asks for cost
     * no memory per request. A chunk of B bytes goes out as the pieces of B's one bits (one piece when
     * B is a power of two).
     */
    private static final byte[][] PIECES = pieces();
    private static final int MAX_CHUNKS = 1_000_000;
    private static final Response PAGE = resource("index.html", "text/html;charset=utf-8");
    private static final Response RPC_JS = resource("rpc.js", "application/javascript;charset=utf-8");

    private DemoApp() {
    }

    /**
     * The demo's handler with its own RPC server and the notes application on a fresh in-memory
     * database, password {@code jetring}.
     */
    public static Router handler() {
        return handler(rpcServer(), new NotesApp(NoteStore.inMemory(), Map.of()));
    }

    /**
     * The demo's handler: a router, so it answers 404, 405 with {@code Allow}, {@code HEAD} and
     * {@code OPTIONS} for every endpoint. {@code rpc} answers at {@code /rpc}: give the server
     * {@code rpc::drain} as a drain hook too, so that a stop answers the calls in flight.
     */
    public static Router handler(RpcServer rpc, NotesApp notes) {
        return routes(rpc, notes).build();
    }

    /** The demo's routes, to add more to. */
    public static Router.Builder routes(RpcServer rpc, NotesApp notes) {
        return notes.addTo(Router.builder()
                .get("/", fixed(PAGE))
                .get("/rpc.js", fixed(RPC_JS))
                .get("/hello", fixed(Response.ok("Hello, World!")))
                .get("/health/live", Health.live())
                .get("/health/ready", Health.ready())
                .get("/async", RingHandler.async(DemoApp::async))
                .get("/stream", RingHandler.async(request -> done(stream(request))))
                .post("/echo", RingHandler.async(request -> done(echo(request))))
                .get("/json", RingHandler.async(request -> done(json())))
                .post("/digest", RingHandler.async(DemoApp::digest))
                .websocket("/ws/echo", RingHandler.async(request -> done(Response.websocket(WebSocketEcho.listener()))))
                .websocket("/rpc", RingHandler.async(request -> done(rpc.accept().toResponse()))));
    }

    private static RingHandler fixed(Response response) {
        return RingHandler.async(request -> done(response));
    }

    /** The demo's RPC server: the reply to every request is its payload, unchanged. */
    public static RpcServer rpcServer() {
        return RpcServer.of(Pipeline.payloads().reply(Codec.bytes()));
    }

    private static CompletionStage<Response> async(Request request) {
        int ms = intParam(request, "ms", 0, 0, 60_000);
        return CompletableFuture.supplyAsync(() -> Response.ok("waited " + ms + " ms"),
                CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS, Runnable::run));
    }

    private static Response stream(Request request) {
        int chunks = intParam(request, "chunks", 10, 0, MAX_CHUNKS);
        int size = intParam(request, "size", 1024, 1, MAX_CHUNK);
        return Response.stream(Publishers.fromIterator(() -> new Iterator<>() {
            private int sent;
            private int left;

            @Override
            public boolean hasNext() {
                return sent < chunks;
            }

            @Override
            public byte[] next() {
                if (sent >= chunks) {
                    throw new NoSuchElementException();
                }
                if (left == 0) {
                    left = size;
                }
                int piece = Integer.highestOneBit(left);
                left -= piece;
                if (left == 0) {
                    sent++;
                }
                return PIECES[Integer.numberOfTrailingZeros(piece)];
            }
        })).withContentType("application/octet-stream");
    }

    private static byte[][] pieces() {
        byte[][] pieces = new byte[Integer.numberOfTrailingZeros(MAX_CHUNK) + 1][];
        for (int k = 0; k < pieces.length; k++) {
            pieces[k] = new byte[1 << k];
            Arrays.fill(pieces[k], (byte) 'x');
        }
        return pieces;
    }

    private static Response echo(Request request) {
        Response response = Response.ok(Body.of(request.body().publisher()));
        return request.contentType().map(response::withContentType).orElse(response);
    }

    private static CompletionStage<Response> digest(Request request) {
        return request.body().bytes().thenApply(bytes -> {
            try {
                return Response.ok(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Response json() throws Exception {
        ObjectNode node = JSON.createObjectNode()
                .put("message", "Hello, World!")
                .put("server", "jetring")
                .put("time", Instant.now().toString());
        return Response.of(200, Headers.of("Content-Type", "application/json"), Body.of(JSON.writeValueAsBytes(node)));
    }

    /** A classpath resource beside this class as a response, read once. */
    static Response resource(String name, String contentType) {
        try (InputStream in = DemoApp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + DemoApp.class.getName());
            }
            return Response.of(200, Headers.of("Content-Type", contentType, "Cache-Control", "no-cache"),
                    Body.of(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int intParam(Request request, String name, int fallback, int min, int max) {
        String text = request.queryParam(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadRequestException(name + ": " + text + " (expected: an integer in " + min + ".." + max + ")");
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
