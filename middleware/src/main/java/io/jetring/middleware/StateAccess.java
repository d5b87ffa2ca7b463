package io.jetring.middleware;

import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.Request;
import io.jetring.api.RequestBody;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** What the request-state middleware share: attribute look-ups that name a missing middleware, blocking reads. */
final class StateAccess {
    private StateAccess() {
    }

    /**
     * The attribute {@code key} of {@code type}, or an {@link IllegalStateException} saying which
     * middleware should have put it there: a programming error, so a 500, never the client's fault.
     */
    static <T> T require(Request request, String key, Class<T> type, String accessor, String middleware) {
        Object value = request.attributes().get(key);
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw new IllegalStateException(accessor + ": the request did not pass through " + middleware
                + " (expected: the handler wrapped with " + middleware + ")");
    }

    /** The whole body under {@code limit}, blocking: only for sync handlers, on a worker thread. */
    static byte[] readBlocking(RequestBody body, DataSize limit) throws IOException {
        return await(body.bytes(limit));
    }

    /** Waits for {@code stage}, rethrowing its failure as it was (unchecked, or as an {@link IOException}). */
    static <T> T await(CompletionStage<T> stage) throws IOException {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the request body");
        } catch (ExecutionException | CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    /** The failure behind a stage's wrapper exceptions. */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Whether {@code t} (unwrapped) is a body over its limit. */
    static boolean tooLarge(Throwable t) {
        return unwrap(t) instanceof BodyTooLargeException;
    }

    /** {@code value} quoted for a message, cut at 64 characters so a hostile input is not echoed whole. */
    static String quote(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        StringBuilder sb = new StringBuilder(cut.length() + 2).append('"');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            // Control characters would break the one-line error body: show them escaped.
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
