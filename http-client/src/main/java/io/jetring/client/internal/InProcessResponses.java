package io.jetring.client.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Publishers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.engine.ErrorAnswer;
import io.jetring.engine.Failures;
import io.jetring.engine.Upgrades;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server does with a handler's outcome, done in memory: failures become the same 500, 400 and
 * 413 answers, fixed-length bodies get their {@code Content-Length}, and every body variant becomes a
 * publisher the client reads like a network body.
 */
final class InProcessResponses {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.client.JetClient");

    private InProcessResponses() {
    }

    /**
     * The response the handler's outcome for {@code request} calls for, as a server would write it. A
     * WebSocket response is checked as a server checks it and answered with its {@code 101} and
     * handshake headers; there is no connection to carry frames, so its listener is never opened.
     */
    static Response of(Request request, Response response, Throwable failure, String call) {
        if (failure == null && response == null) {
            failure = new NullPointerException("the handler returned null (expected: a Response)");
        }
        if (failure == null && response.body() instanceof Body.Upgrade upgrade) {
            Optional<RuntimeException> refusal = Upgrades.refusal(request, response);
            if (refusal.isEmpty()) {
                return handshake(request, response, upgrade);
            }
            failure = refusal.get();
        }
        if (failure == null && response.body() instanceof Body.File file && !Files.isReadable(file.path())) {
            failure = new IOException("the response file " + file.path() + " is not readable");
        }
        if (failure == null) {
            return response;
        }
        return error(Failures.answer(failure), call);
    }

    /** The error answer as the response a server would send, logged at its level. */
    static Response error(ErrorAnswer answer, String call) {
        switch (answer.level()) {
            case ERROR -> LOG.error("{}: in process: {}", call, answer.what(), answer.cause());
            case WARN -> LOG.warn("{}: in process: {}", call, answer.what());
            default -> LOG.debug("{}: in process: {}", call, answer.what());
        }
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

    /** Whether the response to {@code method} with {@code status} has no body on the wire. */
    static boolean isBodyless(String method, int status) {
        return method.equals("HEAD") || status < 200 || status == 204 || status == 304;
    }

    /** The headers as a server sends them: with {@code Content-Length} where the length is known. */
    static Headers headers(Response response) throws IOException {
        long length = length(response.body());
        int status = response.status();
        if (length < 0 || status < 200 || status == 204 || status == 304) {
            return response.headers();
        }
        return response.headers().with("Content-Length", Long.toString(length));
    }

    /** The length of a fixed-length body, or -1. */
    static long length(Body body) throws IOException {
        if (body instanceof Body.Empty) {
            return 0;
        }
        if (body instanceof Body.Bytes bytes) {
            return bytes.bytes().length;
        }
        if (body instanceof Body.Text text) {
            return text.text().getBytes(text.charset()).length;
        }
        if (body instanceof Body.File file) {
            return file.size();
        }
        return -1;
    }

    /** The body as a publisher; streams and files are read on {@code executor}. */
    static Flow.Publisher<byte[]> publisher(Body body, Executor executor) {
        if (body instanceof Body.Bytes bytes) {
            return bytes.bytes().length == 0 ? Publishers.empty() : Publishers.of(bytes.bytes());
        }
        if (body instanceof Body.Text text) {
            return text.text().isEmpty() ? Publishers.empty() : Publishers.of(text.text().getBytes(text.charset()));
        }
        if (body instanceof Body.Stream stream) {
            return StreamPublisher.of(stream.stream(), executor);
        }
        if (body instanceof Body.File file) {
            return StreamPublisher.of(file, executor);
        }
        if (body instanceof Body.Publisher publisher) {
            return publisher.publisher();
        }
        return Publishers.empty();
    }

    /** Releases a body nobody will read: closes its stream, cancels its publisher. */
    static void release(Body body) {
        if (body instanceof Body.Stream stream) {
            try {
                stream.stream().close();
            } catch (IOException ignored) {
                // Unread and unwanted: there is nobody to tell.
            }
        } else if (body instanceof Body.Publisher publisher) {
            Publishing.cancelUnread(publisher.publisher());
        }
    }
}
