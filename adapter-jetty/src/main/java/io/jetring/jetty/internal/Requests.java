package io.jetring.jetty.internal;

import io.jetring.api.BadRequestException;
import io.jetring.api.DataSize;
import io.jetring.api.Headers;
import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Request;
import io.jetring.api.RequestContext;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.EndPoint;

/** Builds the immutable {@link Request} record from a Jetty request. */
final class Requests {
    private Requests() {
    }

    /**
     * The record for {@code jetty}. Throws {@link BadRequestException} for a header that jetring's
     * rules reject (the caller answers 400). Its context's blocking executor is
     * {@code blockingExecutor}; its body reads {@code body}. The handshake fields of a request that
     * upgraded to h2c are left out.
     */
    static Request from(org.eclipse.jetty.server.Request jetty, DataSize maxBodySize, BodySource body,
                        Executor blockingExecutor, BooleanSupplier stopping) {
        HttpURI uri = jetty.getHttpURI();
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        Headers.Builder headers = Headers.builder();
        boolean upgraded = MalformedRequests.isUpgraded(jetty);
        for (HttpField field : jetty.getHeaders()) {
            if (upgraded && MalformedRequests.isUpgradeHandshake(field)) {
                continue;
            }
            String value = field.getValue();
            try {
                headers.add(field.getName(), value == null ? "" : value);
            } catch (InvalidArgumentException e) {
                throw new BadRequestException("request " + e.getMessage(), e);
            }
        }
        return new Request(
                jetty.getMethod(),
                jetty.isSecure() ? "https" : "http",
                org.eclipse.jetty.server.Request.getServerName(jetty),
                org.eclipse.jetty.server.Request.getServerPort(jetty),
                remoteAddr(jetty),
                org.eclipse.jetty.server.Request.getRemotePort(jetty),
                path,
                Optional.ofNullable(uri.getQuery()),
                jetty.getConnectionMetaData().getProtocol(),
                headers.build(),
                new JettyRequestBody(body, maxBodySize, body),
                clientCertificates(jetty),
                Map.of(),
                RequestContext.of(blockingExecutor, stopping));
    }

    /** The peer's IP address as plain text: no brackets around IPv6 (Jetty adds them for URIs). */
    static String remoteAddr(org.eclipse.jetty.server.Request jetty) {
        if (jetty.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress inet
                && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        String addr = org.eclipse.jetty.server.Request.getRemoteAddr(jetty);
        return addr.startsWith("[") && addr.endsWith("]") ? addr.substring(1, addr.length() - 1) : addr;
    }

    private static List<X509Certificate> clientCertificates(org.eclipse.jetty.server.Request jetty) {
        if (!jetty.isSecure()
                || !(jetty.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl)) {
            return List.of();
        }
        X509Certificate[] chain = ssl.peerCertificates();
        return chain == null ? List.of() : List.of(chain);
    }
}
