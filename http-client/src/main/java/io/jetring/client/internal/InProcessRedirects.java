package io.jetring.client.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Response;
import io.jetring.client.ClientException;
import java.net.URI;
import java.util.Optional;

/**
 * The redirect rules of the network transport (Jetty's), applied in memory: which method the next
 * request uses, which headers it keeps, and when a redirect cannot be followed.
 */
final class InProcessRedirects {
    private InProcessRedirects() {
    }

    /** Whether {@code status} is one the client follows. */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The request {@code response} redirects {@code hop} to, or empty if it is not a redirect or not to
     * be followed (a body that cannot be sent twice).
     *
     * @throws ClientException if there is no {@code Location} or not a URL the client can call
     */
    static Optional<InProcessHop> next(InProcessHop hop, Response response, String call) {
        if (!isRedirect(response.status())) {
            return Optional.empty();
        }
        Optional<String> location = response.header("Location");
        if (location.isEmpty()) {
            throw CallFailures.badRedirect(call, response.status(), null, null);
        }
        URI target;
        try {
            target = Urls.checkUri(hop.uri().resolve(location.get()));
        } catch (RuntimeException e) {
            throw CallFailures.badRedirect(call, response.status(), location.get(), e);
        }
        String method = method(hop.method(), response.status());
        Body body = method.equals("GET") ? Body.empty() : hop.body();
        if (body instanceof Body.Stream || body instanceof Body.Publisher) {
            // Read once already: the caller gets the redirect itself, as over the network.
            return Optional.empty();
        }
        Headers.Builder headers = hop.headers().newBuilder().remove("Host").remove("Cookie").remove("Expect");
        if (method.equals("GET")) {
            headers.remove("Content-Type");
        }
        if (!Urls.sameOrigin(hop.uri(), target)) {
            headers.remove("Authorization");
        }
        return Optional.of(new InProcessHop(method, target, headers.build(), body));
    }

    private static String method(String method, int status) {
        return switch (status) {
            case 301 -> method.equals("POST") ? "GET" : method;
            case 302 -> method.equals("HEAD") || method.equals("PUT") ? method : "GET";
            case 303 -> method.equals("HEAD") ? method : "GET";
            default -> method;
        };
    }
}
