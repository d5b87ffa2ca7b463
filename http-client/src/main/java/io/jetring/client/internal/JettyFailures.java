package io.jetring.client.internal;

import io.jetring.client.ClientException;
import io.jetring.client.ClientOptions;
import io.jetring.client.ClientTimeoutException;
import io.jetring.client.ConnectFailedException;
import io.jetring.client.TlsException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpResponseException;

/**
 * Turns what Jetty fails an exchange with into the client's exception tree. The message always starts
 * with the call ({@code GET http://…}) and says in plain words what happened; the cause keeps Jetty's
 * exception for the details.
 */
final class JettyFailures {
    private static final int MAX_DEPTH = 16;

    private JettyFailures() {
    }

    /** The exception the caller sees for {@code failure}. */
    static Throwable map(Throwable failure, String call, ClientOptions options, boolean clientClosed) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            Throwable mapped = mapOne(t, failure, call, options);
            if (mapped != null) {
                return mapped;
            }
        }
        if (clientClosed) {
            return new ClientException(call + ": the client was closed", failure);
        }
        if (failure instanceof EOFException || failure.getCause() instanceof EOFException) {
            return new ClientException(call + ": the connection closed before the response was complete", failure);
        }
        return new ClientException(call + ": " + failure, failure);
    }

    private static Throwable mapOne(Throwable t, Throwable failure, String call, ClientOptions options) {
        if (t instanceof ClientException || t instanceof CancellationException) {
            return t;
        }
        if (t instanceof RequestBodyException body) {
            return new ClientException(call + ": " + body.getMessage(), body.getCause());
        }
        if (t instanceof SSLException || t instanceof GeneralSecurityException) {
            return new TlsException(call + ": TLS handshake failed: " + t.getMessage()
                    + " (see ClientOptions.trust for which certificates are accepted)", failure);
        }
        if (t instanceof SocketTimeoutException) {
            return new ClientTimeoutException(call + ": could not connect within " + options.connectTimeout().toMillis()
                    + " ms (connectTimeout)", ClientTimeoutException.Kind.CONNECT, options.connectTimeout(), failure);
        }
        if (t instanceof ConnectException) {
            return new ConnectFailedException(call + ": connection refused", failure);
        }
        if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
            return new ConnectFailedException(call + ": unknown host", failure);
        }
        if (t instanceof NoRouteToHostException) {
            return new ConnectFailedException(call + ": no route to host", failure);
        }
        if (t instanceof SocketException && String.valueOf(t.getMessage()).startsWith("Could not connect")) {
            Throwable reason = t.getCause() == null ? t : t.getCause();
            return new ConnectFailedException(call + ": could not connect: " + reason.getMessage(), failure);
        }
        if (t instanceof TimeoutException && String.valueOf(t.getMessage()).startsWith("Idle timeout")) {
            return new ClientTimeoutException(call + ": no bytes for " + options.idleTimeout().toMillis()
                    + " ms (idleTimeout)", ClientTimeoutException.Kind.IDLE, options.idleTimeout(), failure);
        }
        if (t instanceof HttpResponseException redirect && String.valueOf(t.getMessage()).startsWith("Max redirects")) {
            String location = redirect.getResponse().getHeaders().get("Location");
            return CallFailures.tooManyRedirects(call, options.maxRedirects(), location, failure);
        }
        if (t instanceof HttpResponseException redirect) {
            String location = redirect.getResponse().getHeaders().get("Location");
            return CallFailures.badRedirect(call, redirect.getResponse().getStatus(), location, failure);
        }
        return null;
    }
}
