/**
 * Test fixtures for applications: a JUnit 5 extension serving a handler, a WebSocket recorder, raw
 * HTTP and self-signed certificates.
 */
module io.jetring.testing {
    requires transitive io.jetring.jetty;
    requires transitive java.net.http;
    requires transitive org.junit.jupiter.api;

    exports io.jetring.testing;
}
