package io.jetring.middleware;

import io.jetring.api.InvalidOptionException;
import java.util.Arrays;
import java.util.List;

/**
 * Which peers {@link ForwardedHeaders} believes: one immutable value.
 *
 * <table>
 *   <caption>Forwarded header options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>trustedProxies</td><td>{@code 127.0.0.0/8}, {@code ::1/128}</td><td>address blocks of the
 *       proxies in front of the server; a request from any other peer is taken as it came</td></tr>
 * </table>
 *
 * @param trustedProxies CIDR blocks ({@code 10.0.0.0/8}) or single addresses
 */
public record ForwardedOptions(List<String> trustedProxies) {
    private static final ForwardedOptions DEFAULTS = new ForwardedOptions(List.of("127.0.0.0/8", "::1/128"));

    /** Checks that every entry is an address block. */
    public ForwardedOptions {
        trustedProxies = List.copyOf(trustedProxies);
        for (String proxy : trustedProxies) {
            if (Cidr.parse(proxy) == null) {
                throw InvalidOptionException.of("trustedProxies", "\"" + proxy + "\"",
                        "IP address blocks such as 10.0.0.0/8, fd00::/8 or 192.0.2.7 (never host names)");
            }
        }
    }

    /** Trust the loopback interface only: a proxy on the same machine. */
    public static ForwardedOptions defaults() {
        return DEFAULTS;
    }

    /** Trust these blocks (instead of the defaults). */
    public static ForwardedOptions trusting(String... proxies) {
        return new ForwardedOptions(Arrays.asList(proxies));
    }

    List<Cidr> blocks() {
        return trustedProxies.stream().map(Cidr::parse).toList();
    }
}
