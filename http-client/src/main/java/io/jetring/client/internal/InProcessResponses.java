package io.jetring.client.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Publishers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.engine.BodySink;
import io.jetring.engine.ErrorAnswer;
import io.jetring.engine.ResponseRules;
import io.jetring.engine.Upgrades;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * What a server does with a handler's response, done in memory: error answers as a server writes
 * them, fixed-length bodies with their {@code Content-Length} ({@code ResponseRules}), and every body
 * variant as a publisher the client reads like a network body.
 */
final class InProcessResponses {
    private InProcessResponses() {
    }

    /**
     * {@code response} as a server would write it for {@code request}. A WebSocket response (which
     * {@code Dispatch} has checked, as for every engine) is answered with its {@code 101} and
     * handshake headers; there is no connection to carry frames, so its listener is never opened.
     *
     * @throws IOException if its file cannot be read: the exchange answers that as a failure
     */
    static Response asSent(Request request, Response response) throws IOException {
        if (response.body() instanceof Body.Upgrade upgrade) {
            return handshake(request, response, upgrade);
        }
        if (response.body() instanceof Body.File file && !Files.isReadable(file.path())) {
            throw new IOException("the response file " + file.path() + " is not readable");
        }
        return response;
    }

    /** An error answer as the response a server would send. */
    static Response error(ErrorAnswer answer) {
        return Response.of(answer.status(), Headers.of("Content-Type", ErrorAnswer.CONTENT_TYPE), Body.of(answer.body()));
    }

    private static Response handshake(Request request, Response response, Body.Upgrade upgrade) {
        Headers.Builder headers = Headers.builder().addAll(response.headers())
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", Upgrades.acceptKey(request.header("Sec-WebSocket-Key").orElseThrow()));
        upgrade.subprotocol().ifPresent(protocol -> headers.add("Sec-WebSocket-Protocol", protocol));
        return Response.of(101, headers.build(), upgrade);
    }

    /**
     * The response as the client receives it from a server: its headers with the
     * {@code Content-Length} the server would send, the body as a publisher (streams and files read
     * on {@code executor}; none for a bodyless response, whose body is released), and the number of
     * bytes that body holds, or -1 if unknown.
     */
    record Received(Headers headers, Flow.Publisher<byte[]> body, long length) {
    }

    /** What the client receives for {@code response} to a {@code method} request. */
    static Received receive(Response response, String method, Executor executor) throws IOException {
        if (response.body() instanceof Body.Upgrade) {
            // A 101: its head only, and no connection behind it.
            return new Received(response.headers(), Publishers.empty(), 0);
        }
        Sink sink = new Sink(executor);
        Flow.Publisher<byte[]> body = ResponseRules.write(response.body(), response.status(), method.equals("HEAD"), sink);
        Headers headers = sink.length < 0 ? response.headers()
                : response.headers().with("Content-Length", Long.toString(sink.length));
        return new Received(headers, body, sink.bodyless ? 0 : sink.length);
    }

    /** The body as a publisher the client reads like a network body. */
    private static final class Sink implements BodySink<Flow.Publisher<byte[]>, RuntimeException> {
        private final Executor executor;
        private long length = -1;
        private boolean bodyless;

        Sink(Executor executor) {
            this.executor = executor;
        }

        @Override
        public void contentLength(long length) {
            this.length = length;
        }

        @Override
        public Flow.Publisher<byte[]> fixed(byte[] bytes) {
            return bytes.length == 0 ? Publishers.empty() : Publishers.of(bytes);
        }

        @Override
        public Flow.Publisher<byte[]> file(Body.File file, long size) {
            return StreamPublisher.of(file, executor);
        }

        @Override
        public Flow.Publisher<byte[]> stream(InputStream stream) {
            return StreamPublisher.of(stream, executor);
        }

        @Override
        public Flow.Publisher<byte[]> publisher(Flow.Publisher<byte[]> publisher) {
            return publisher;
        }

        @Override
        public Flow.Publisher<byte[]> none(Body body, long length) {
            // As a server does: a stream body is closed already, a publisher is not subscribed.
            bodyless = true;
            return Publishers.empty();
        }
    }

    /** Releases a body nobody will read: closes its stream, cancels its publisher. */
    static void release(Body body) {
        ResponseRules.release(body);
    }
}
