package io.jetring.middleware;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Cross-origin resource sharing as the Fetch standard defines it, on the server side.
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 *       is answered here, without calling the handler: {@code 204} with the allowed origin, method,
 *       headers and max-age if origin, method and every requested header are allowed, else
 *       {@code 403} with no CORS header at all.</li>
 *   <li>Any other request goes to the handler. If its {@code Origin} is allowed, the response gets
 *       {@code Access-Control-Allow-Origin} (the origin itself, or {@code *} for any origin without
 *       credentials), {@code Access-Control-Allow-Credentials} and
 *       {@code Access-Control-Expose-Headers} as configured; if it is refused, none of them, and the
 *       browser keeps the answer from the page.</li>
 *   <li>Every response gets {@code Vary: Origin}, so a cache never gives one origin's answer to
 *       another.</li>
 * </ul>
 * Keeps the form of the handler it wraps.
 */
public final class Cors {
    private final CorsOptions options;
    private final boolean anyOrigin;
    private final boolean anyHeader;

    private Cors(CorsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.anyOrigin = options.allowedOrigins().contains("*");
        this.anyHeader = options.allowedHeaders().contains("*");
    }

    /** CORS with these options. */
    public static Middleware of(CorsOptions options) {
        Cors cors = new Cors(options);
        return handler -> handler.isAsync()
                ? RingHandler.async(request -> cors.isPreflight(request)
                        ? CompletableFuture.completedFuture(cors.preflight(request))
                        : handler.handleAsync(request).thenApply(response -> cors.decorate(request, response)))
                : request -> cors.isPreflight(request) ? cors.preflight(request)
                        : cors.decorate(request, handler.handle(request));
    }

    /** Whether the origin {@code origin} (as a browser sends it) is allowed. */
    boolean allows(String origin) {
        if (anyOrigin) {
            return true;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        for (String allowed : options.allowedOrigins()) {
            if (allowed.equals(o) || matchesPattern(allowed, o)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesPattern(String pattern, String origin) {
        int star = pattern.indexOf("://*.");
        if (star < 0) {
            return false;
        }
        String scheme = pattern.substring(0, star + 3);
        String suffix = pattern.substring(star + 4);
        if (!origin.startsWith(scheme) || !origin.endsWith(suffix)) {
            return false;
        }
        String labels = origin.substring(scheme.length(), origin.length() - suffix.length());
        if (labels.isEmpty() || labels.startsWith(".") || labels.endsWith(".") || labels.contains("..")) {
            return false;
        }
        for (int i = 0; i < labels.length(); i++) {
            char c = labels.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private boolean isPreflight(Request request) {
        return request.method().equals("OPTIONS") && request.headers().contains("Origin")
                && request.headers().contains("Access-Control-Request-Method");
    }

    private Response preflight(Request request) {
        String origin = request.header("Origin").orElseThrow();
        String method = request.header("Access-Control-Request-Method").orElseThrow().trim();
        List<String> requested = new ArrayList<>();
        for (String value : request.headers().all("Access-Control-Request-Headers")) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    requested.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        String vary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
        Optional<String> refusal = !allows(origin) ? Optional.of("origin " + origin + " is not allowed")
                : !options.allowedMethods().contains(method) ? Optional.of("method " + method + " is not allowed")
                : requested.stream().filter(h -> !headerAllowed(h)).findFirst().map(h -> "header " + h + " is not allowed");
        if (refusal.isPresent()) {
            return Response.text(403, "403 Forbidden: CORS preflight refused: " + refusal.get()).withHeader("Vary", vary);
        }
        Headers.Builder headers = Headers.builder().add("Access-Control-Allow-Origin", allowOrigin(origin))
                .add("Access-Control-Allow-Methods", String.join(", ", options.allowedMethods()));
        if (!requested.isEmpty()) {
            headers.add("Access-Control-Allow-Headers", String.join(", ", requested));
        }
        if (options.allowCredentials()) {
            headers.add("Access-Control-Allow-Credentials", "true");
        }
        options.maxAge().ifPresent(age -> headers.add("Access-Control-Max-Age", Long.toString(age.toSeconds())));
        headers.add("Vary", vary);
        return Response.of(204, headers.build(), Body.empty());
    }

    private boolean headerAllowed(String name) {
        if (anyHeader) {
            return true;
        }
        for (String allowed : options.allowedHeaders()) {
            if (allowed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private String allowOrigin(String origin) {
        return anyOrigin && !options.allowCredentials() ? "*" : origin;
    }

    private Response decorate(Request request, Response response) {
        if (response == null) {
            return null;
        }
        Response varied = Vary.add(response, "Origin");
        Optional<String> origin = request.header("Origin");
        if (origin.isEmpty() || !allows(origin.get())) {
            return varied;
        }
        Headers.Builder headers = varied.headers().newBuilder().set("Access-Control-Allow-Origin", allowOrigin(origin.get()));
        if (options.allowCredentials()) {
            headers.set("Access-Control-Allow-Credentials", "true");
        }
        if (!options.exposedHeaders().isEmpty()) {
            headers.set("Access-Control-Expose-Headers", String.join(", ", options.exposedHeaders()));
        }
        return varied.withHeaders(headers.build());
    }
}
