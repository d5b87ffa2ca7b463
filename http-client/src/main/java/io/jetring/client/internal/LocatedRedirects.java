package io.jetring.client.internal;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.RedirectProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Jetty's redirect handling, for responses that say where to go: a 3xx without {@code Location}
 * (a 304, a 300 with a page of choices) is handed to the caller as the response it is, as browsers
 * and the JDK's client do, instead of failing the call.
 */
final class LocatedRedirects extends RedirectProtocolHandler {
    LocatedRedirects(HttpClient client) {
        super(client);
    }

    @Override
    public boolean accept(Request request, Response response) {
        return super.accept(request, response) && response.getHeaders().contains(HttpHeader.LOCATION);
    }
}
