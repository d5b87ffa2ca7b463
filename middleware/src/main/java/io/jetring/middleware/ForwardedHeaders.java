package io.jetring.middleware;

import io.jetring.api.Middleware;
import io.jetring.api.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Takes the client's address, scheme, host and port from the headers a reverse proxy adds:
 * {@code Forwarded} (RFC 7239) if present, else {@code X-Forwarded-For}, {@code -Proto},
 * {@code -Host} and {@code -Port}, and only when the peer is a trusted proxy
 * ({@link ForwardedOptions#trustedProxies()}). From any other peer they are ignored: anyone can send
 * them.
 *
 * <p>The client is found from the right: each proxy appends the address it saw, so the last entry
 * was written by the trusted peer; entries are skipped while they are trusted proxies too, and the
 * first that is not is the client. An entry that is not an IP address ({@code unknown}, an
 * obfuscated name, garbage) stops the walk where it is. The scheme, host and port come from the
 * same hop ({@code Forwarded}), or from the {@code X-Forwarded-*} value at the same position, or
 * else their last value. Values that are not what they must be ({@code http}/{@code https}, a host
 * name, a port) are ignored.
 *
 * <p>The request's {@code remoteAddr}, {@code remotePort}, {@code scheme}, {@code serverName} and
 * {@code serverPort} change; the headers stay, and {@link #peerAddress(Request)} keeps the address
 * of the peer that really connected. Put this middleware outermost, so that everything inside sees
 * the client's values.
 */
public final class ForwardedHeaders {
    private static final String PEER = "io.jetring.middleware.ForwardedHeaders.peer";

    private ForwardedHeaders() {
    }

    /** Headers from a proxy on the loopback interface. */
    public static Middleware of() {
        return of(ForwardedOptions.defaults());
    }

    /** Headers from the proxies these options trust. */
    public static Middleware of(ForwardedOptions options) {
        Objects.requireNonNull(options, "options");
        List<Cidr> trusted = options.blocks();
        return Middleware.mapRequest(request -> apply(request, trusted));
    }

    /**
     * The address of the peer that opened the connection, before forwarded headers were applied.
     *
     * @throws IllegalStateException if the request did not pass through this middleware
     */
    public static String peerAddress(Request request) {
        return request.attribute(PEER, String.class).orElseThrow(() -> new IllegalStateException(
                "no peer address on this request (expected: a handler wrapped in ForwardedHeaders.of(..))"));
    }

    static Request apply(Request request, List<Cidr> trusted) {
        Request.Builder out = request.newBuilder();
        String peer = request.remoteAddr();
        if (!isTrusted(Cidr.literal(peer), trusted)) {
            return request.withAttribute(PEER, peer);
        }
        List<Hop> hops = request.headers().contains("Forwarded") ? forwarded(request) : xForwarded(request);
        int index = hops.size();
        Node client = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Node node = Node.parse(hops.get(i).forValue());
            if (node == null) {
                break;
            }
            client = node;
            index = i;
            if (!isTrusted(node.address(), trusted)) {
                break;
            }
        }
        if (client != null) {
            out.remoteAddr(client.text()).remotePort(Math.max(client.port(), 0));
        }
        if (index < hops.size()) {
            Hop hop = hops.get(index);
            String scheme = hop.proto() == null ? null : hop.proto().toLowerCase(Locale.ROOT);
            if (scheme != null && (scheme.equals("http") || scheme.equals("https"))) {
                out.scheme(scheme);
                out.serverPort(scheme.equals("https") ? 443 : 80);
            } else {
                scheme = null;
            }
            boolean portFromHost = false;
            if (hop.host() != null) {
                HostPort host = HostPort.parse(hop.host());
                if (host != null) {
                    out.serverName(host.name());
                    if (host.port() > 0) {
                        out.serverPort(host.port());
                        portFromHost = true;
                    } else if (scheme == null) {
                        out.serverPort(request.scheme().equals("https") ? 443 : 80);
                    }
                }
            }
            if (!portFromHost && hop.port() != null) {
                int port = HostPort.port(hop.port());
                if (port > 0) {
                    out.serverPort(port);
                }
            }
        }
        return out.attributes(withPeer(request, peer)).build();
    }

    private static Map<String, Object> withPeer(Request request, String peer) {
        Map<String, Object> attributes = new HashMap<>(request.attributes());
        attributes.put(PEER, peer);
        return attributes;
    }

    private static boolean isTrusted(byte[] address, List<Cidr> trusted) {
        if (address == null) {
            return false;
        }
        for (Cidr block : trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** What one proxy said: the address it saw, and the scheme, host and port the client asked for. */
    private record Hop(String forValue, String proto, String host, String port) {
    }

    /** The elements of every {@code Forwarded} field, in order. */
    private static List<Hop> forwarded(Request request) {
        List<Hop> hops = new ArrayList<>();
        for (String field : request.headers().all("Forwarded")) {
            for (String element : split(field, ',')) {
                String forValue = null;
                String proto = null;
                String host = null;
                for (String pair : split(element, ';')) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(eq + 1).trim());
                    switch (name) {
                        case "for" -> forValue = value;
                        case "proto" -> proto = value;
                        case "host" -> host = value;
                        default -> {
                            // "by" and extensions: not needed to rebuild the client's request.
                        }
                    }
                }
                hops.add(new Hop(forValue == null ? "" : forValue, proto, host, null));
            }
        }
        return hops;
    }

    /** {@code X-Forwarded-For} entries, with the other headers' values by position (or their last). */
    private static List<Hop> xForwarded(Request request) {
        List<String> fors = values(request, "X-Forwarded-For");
        List<String> protos = values(request, "X-Forwarded-Proto");
        List<String> hosts = values(request, "X-Forwarded-Host");
        List<String> ports = values(request, "X-Forwarded-Port");
        List<Hop> hops = new ArrayList<>();
        if (fors.isEmpty() && (!protos.isEmpty() || !hosts.isEmpty() || !ports.isEmpty())) {
            // Scheme or host without addresses: one hop, the trusted peer's own report.
            fors = List.of(request.remoteAddr());
        }
        for (int i = 0; i < fors.size(); i++) {
            hops.add(new Hop(fors.get(i), at(protos, i, fors.size()), at(hosts, i, fors.size()), at(ports, i, fors.size())));
        }
        return hops;
    }

    private static String at(List<String> values, int i, int size) {
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == size ? values.get(i) : values.get(values.size() - 1);
    }

    private static List<String> values(Request request, String name) {
        List<String> values = new ArrayList<>();
        for (String field : request.headers().all(name)) {
            for (String value : field.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
        }
        return values;
    }

    /** {@code s} split at {@code separator} outside quoted strings. */
    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(s.substring(start).trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A node: an IP address with, perhaps, a port. */
    private record Node(byte[] address, String text, int port) {
        static Node parse(String value) {
            String v = value.trim();
            int port = -1;
            String host = v;
            if (v.startsWith("[")) {
                int close = v.indexOf(']');
                if (close < 0) {
                    return null;
                }
                host = v.substring(1, close);
                if (close + 1 < v.length()) {
                    if (v.charAt(close + 1) != ':' || (port = HostPort.port(v.substring(close + 2))) < 0) {
                        return null;
                    }
                }
            } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
                host = v.substring(0, v.indexOf(':'));
                if ((port = HostPort.port(v.substring(v.indexOf(':') + 1))) < 0) {
                    return null;
                }
            }
            byte[] address = Cidr.literal(host);
            return address == null ? null : new Node(address, host, port);
        }
    }

    /** A {@code Host}-like value: a name or an IP literal, and a port if given (0 if not). */
    private record HostPort(String name, int port) {
        static HostPort parse(String value) {
            String v = value.trim();
            String name = v;
            int port = 0;
            if (v.startsWith("[")) {
                int close = v.indexOf(']');
                if (close < 0 || Cidr.literal(v.substring(0, close + 1)) == null) {
                    return null;
                }
                name = v.substring(0, close + 1);
                if (close + 1 < v.length()) {
                    if (v.charAt(close + 1) != ':' || (port = port(v.substring(close + 2))) < 0) {
                        return null;
                    }
                }
                return new HostPort(name, port);
            }
            int colon = v.indexOf(':');
            if (colon >= 0) {
                name = v.substring(0, colon);
                if ((port = port(v.substring(colon + 1))) < 0) {
                    return null;
                }
            }
            if (name.isEmpty() || name.length() > 253) {
                return null;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                    return null;
                }
            }
            return new HostPort(name, port);
        }

        /** A port 1..65535, or -1. */
        static int port(String s) {
            if (s.isEmpty() || s.length() > 5) {
                return -1;
            }
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return -1;
                }
            }
            int p = Integer.parseInt(s);
            return p >= 1 && p <= 65535 ? p : -1;
        }
    }
}
