package io.jetring.jetty.internal;

import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;

/**
 * The framing rules that Jetty 12.1's parsers leave to the application, checked before any handler
 * runs: a request breaking one is refused, so that a handler forwarding it to an HTTP/1.1 backend
 * cannot be used to smuggle a second request, and a body is never passed on still encoded.
 */
final class MalformedRequests {
    /** Why a request is refused: the status to answer and what was wrong, naming the value. */
    record Refusal(int status, String detail) {
    }

    private MalformedRequests() {
    }

    /** Why {@code request} must be refused, or empty if it may be handled. */
    static Optional<Refusal> check(Request request) {
        HttpVersion version = request.getConnectionMetaData().getHttpVersion();
        if (version.getVersion() >= 20) {
            return connectionSpecific(request);
        }
        return transferCodings(request);
    }

    /**
     * RFC 9113 section 8.2.2: an HTTP/2 message with a connection-specific field is malformed, and
     * {@code TE} may carry nothing but {@code trailers}. Jetty itself refuses {@code Connection} and
     * other {@code TE} values; the rest would reach the handler.
     */
    private static Optional<Refusal> connectionSpecific(Request request) {
        boolean upgraded = isUpgraded(request);
        for (HttpField field : request.getHeaders()) {
            if (upgraded && isUpgradeHandshake(field)) {
                continue;
            }
            String name = field.getLowerCaseName();
            boolean forbidden = switch (name) {
                case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" -> true;
                case "te" -> !"trailers".equalsIgnoreCase(field.getValue() == null ? "" : field.getValue().trim());
                default -> false;
            };
            if (forbidden) {
                return Optional.of(new Refusal(400, "header " + name + ": " + field.getValue()
                        + " (expected: no connection-specific header in an HTTP/2 request)"));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code request} is the one that upgraded an HTTP/1.1 connection to h2c (RFC 7540
     * section 3.2): Jetty hands it on as stream 1 with its HTTP/1.1 handshake fields still in place.
     */
    static boolean isUpgraded(Request request) {
        return request.getConnectionMetaData().getHttpVersion().getVersion() >= 20
                && request.getHeaders().contains(HttpHeader.HTTP2_SETTINGS);
    }

    /**
     * Whether {@code field}, of a request that {@link #isUpgraded} says upgraded to h2c, belongs to
     * the handshake: {@code HTTP2-Settings}, {@code Upgrade: h2c} and a {@code Connection} naming
     * only those two. They concern the HTTP/1.1 connection that is gone, so the handler never sees them.
     */
    static boolean isUpgradeHandshake(HttpField field) {
        switch (field.getLowerCaseName()) {
            case "http2-settings":
                return true;
            case "upgrade":
                return "h2c".equalsIgnoreCase(field.getValue().trim());
            case "connection":
                for (String token : field.getValue().split(",")) {
                    String name = token.trim();
                    if (!name.equalsIgnoreCase("upgrade") && !name.equalsIgnoreCase("http2-settings")) {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    /**
     * RFC 9112 section 6.1: a server that does not understand a transfer coding answers 501. Jetty
     * decodes {@code chunked} and refuses a list that does not end with it, but passes on a body
     * whose other codings (such as {@code gzip, chunked}) it left in place. An HTTP/1.0 request has
     * no transfer codings at all: one that claims some has faulty framing (400), since an HTTP/1.0
     * server or proxy in front would have read its body by another rule.
     */
    private static Optional<Refusal> transferCodings(Request request) {
        if (!request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return Optional.empty();
        }
        if (request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_1_1) {
            return Optional.of(new Refusal(400, "Transfer-Encoding in an "
                    + request.getConnectionMetaData().getProtocol() + " request (expected: none before HTTP/1.1)"));
        }
        boolean chunkedSeen = false;
        for (HttpField field : request.getHeaders()) {
            if (field.getHeader() != HttpHeader.TRANSFER_ENCODING) {
                continue;
            }
            for (String coding : field.getValue().split(",", -1)) {
                if (!coding.trim().equalsIgnoreCase("chunked") || chunkedSeen) {
                    return Optional.of(new Refusal(501, "Transfer-Encoding: "
                            + String.join(", ", request.getHeaders().getValuesList(HttpHeader.TRANSFER_ENCODING))
                            + " (expected: chunked alone)"));
                }
                chunkedSeen = true;
            }
        }
        return Optional.empty();
    }
}
