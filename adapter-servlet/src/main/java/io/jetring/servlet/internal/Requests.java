package io.jetring.servlet.internal;

import io.jetring.api.BadRequestException;
import io.jetring.api.Headers;
import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Request;
import io.jetring.api.RequestContext;
import io.jetring.api.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the immutable {@link Request} record from a servlet request, field for field as the Jetty
 * adapter does for the same bytes on the wire (only {@code remotePort} and the body differ).
 */
final class Requests {
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private Requests() {
    }

    /**
     * The record for {@code servlet}. Throws {@link BadRequestException} for a header that jetring's
     * rules reject (the caller answers 400).
     */
    static Request from(HttpServletRequest servlet, RequestBody body, RequestContext context) {
        String path = servlet.getRequestURI();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String protocol = servlet.getProtocol();
        // The servlet API falls back to a configured or resolved host name when the client named
        // none (HTTP/1.0 without Host); the contract says the local address then, as JetServer does.
        boolean named = servlet.getHeader("Host") != null || protocol.startsWith("HTTP/2");
        return new Request(
                servlet.getMethod(),
                servlet.getScheme(),
                named ? servlet.getServerName() : servlet.getLocalAddr(),
                named ? servlet.getServerPort() : servlet.getLocalPort(),
                servlet.getRemoteAddr(),
                servlet.getRemotePort(),
                path,
                Optional.ofNullable(servlet.getQueryString()),
                protocol,
                headers(servlet),
                body,
                clientCertificates(servlet),
                Map.of(),
                context);
    }

    /**
     * The servlet API groups the values by name: a name sent in several fields keeps its values in
     * order, at the position of its first field.
     */
    private static Headers headers(HttpServletRequest servlet) {
        Headers.Builder headers = Headers.builder();
        Enumeration<String> names = servlet.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = servlet.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                String value = values.nextElement();
                try {
                    headers.add(name, value == null ? "" : value);
                } catch (InvalidArgumentException e) {
                    throw new BadRequestException("request " + e.getMessage(), e);
                }
            }
        }
        return headers.build();
    }

    private static List<X509Certificate> clientCertificates(HttpServletRequest servlet) {
        if (!servlet.isSecure() || !(servlet.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain)) {
            return List.of();
        }
        return List.of(chain);
    }
}
