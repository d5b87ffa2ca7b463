/**
 * Micrometer metrics for the server ({@code JetringMetrics}) and for RPC ({@code RpcMetrics}, which
 * needs the optional {@code io.jetring.rpc}).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Micrometer's core jar is an automatic module
module io.jetring.metrics {
    requires transitive io.jetring.api;
    requires transitive micrometer.core;
    requires static transitive io.jetring.rpc;

    exports io.jetring.metrics;
}
