package io.jetring.client.internal;

import java.net.URI;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Sends a call's {@code Authorization} header on every request of its conversation that goes to the
 * same origin (scheme, host, port), redirects included, and on no other. Jetty drops the header on
 * every redirect, which breaks the common same-site ones ({@code /admin} to {@code /admin/}); sending
 * it everywhere would leak credentials to whatever host a redirect names.
 */
final class OriginAuthorization implements Request.QueuedListener {
    static final OriginAuthorization LISTENER = new OriginAuthorization();
    private static final String ATTRIBUTE = OriginAuthorization.class.getName();

    private OriginAuthorization() {
    }

    /** Remembers {@code authorization} for the conversation of {@code request}, bound to {@code origin}. */
    static void attach(Request request, URI origin, String authorization) {
        ((HttpRequest) request).getConversation().setAttribute(ATTRIBUTE, new Credential(origin, authorization));
    }

    @Override
    public void onQueued(Request request) {
        if (request instanceof HttpRequest http
                && http.getConversation().getAttribute(ATTRIBUTE) instanceof Credential credential
                && Urls.sameOrigin(credential.origin(), request.getURI())
                && !request.getHeaders().contains(HttpHeader.AUTHORIZATION)) {
            request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, credential.value()));
        }
    }

    private record Credential(URI origin, String value) {
        @Override
        public String toString() {
            return "Credential[" + origin + "]";
        }
    }
}
