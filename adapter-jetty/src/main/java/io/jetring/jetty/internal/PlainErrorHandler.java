package io.jetring.jetty.internal;

import io.jetring.engine.Failures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself (malformed requests, 414, 431, 503 while stopping) get the same
 * short plain-text body as the errors jetring answers: {@code 400 Bad Request}. No HTML, no detail.
 */
public final class PlainErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        write(response, code + " " + reason(code) + "\n", callback);
    }

    /** The reason phrase jetring uses for {@code status}: RFC 9110's, where Jetty's differs. */
    static String reason(int status) {
        String reason = Failures.reason(status);
        if (reason == null) {
            reason = HttpStatus.getMessage(status);
        }
        return reason == null ? "Error" : reason;
    }

    /** Writes {@code text} as the whole plain-text body. */
    static void write(Response response, String text, Callback callback) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
