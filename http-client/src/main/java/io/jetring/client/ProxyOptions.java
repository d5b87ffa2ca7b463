package io.jetring.client;

import io.jetring.api.InvalidOptionException;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP proxy: {@code https} requests are tunnelled through it with {@code CONNECT} (end-to-end
 * TLS, the proxy sees only the host and port); plain {@code http} requests are sent to it with the
 * absolute URL as the target.
 *
 * @param host          the proxy's host name or IP address
 * @param port          the proxy's port, {@code 1..65535}
 * @param excludedHosts destinations reached directly, not through the proxy: {@code host} or
 *                      {@code host:port}
 */
public record ProxyOptions(String host, int port, List<String> excludedHosts) {

    /** Validates the address and copies the list. */
    public ProxyOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw InvalidOptionException.of("proxy.host", "\"" + host + "\"", "a host name or IP address");
        }
        if (port < 1 || port > 65535) {
            throw InvalidOptionException.of("proxy.port", port, "1..65535");
        }
        excludedHosts = List.copyOf(excludedHosts);
    }

    /** The proxy at {@code host:port}, used for every destination. */
    public static ProxyOptions of(String host, int port) {
        return new ProxyOptions(host, port, List.of());
    }

    /** This proxy, bypassed for these destinations ({@code host} or {@code host:port}). */
    public ProxyOptions withExcludedHosts(List<String> excludedHosts) {
        return new ProxyOptions(host, port, excludedHosts);
    }
}
