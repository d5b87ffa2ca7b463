/**
 * jetring's Reactive Streams toolkit, shared by the API, the engines and the middleware. For jetring's
 * own modules, not applications: exported to them only.
 */
@SuppressWarnings("module") // the modules it exports to are built after it
module io.jetring.flow {
    exports io.jetring.flow to
            io.jetring.api, io.jetring.engine, io.jetring.engine.jetty, io.jetring.jetty, io.jetring.servlet,
            io.jetring.client, io.jetring.middleware;
}
