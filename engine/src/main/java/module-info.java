/**
 * The engine toolkit that jetring's server, servlet bridge and client share. For engines, not
 * applications: its packages are exported to jetring's engines only.
 */
@SuppressWarnings("module") // the engines it exports to are built after it
module io.jetring.engine {
    requires transitive io.jetring.api;
    requires io.jetring.flow;

    exports io.jetring.engine to
            io.jetring.engine.jetty, io.jetring.jetty, io.jetring.servlet, io.jetring.servlet.jetty, io.jetring.client;
    exports io.jetring.engine.ws to
            io.jetring.engine.jetty, io.jetring.jetty, io.jetring.servlet, io.jetring.servlet.jetty, io.jetring.client;
}
