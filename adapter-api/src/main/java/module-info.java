/**
 * The handler contract: requests, responses, bodies, handlers and middleware, WebSockets, and the
 * observer interface that engines report to. JDK types only.
 */
module io.jetring.api {
    requires io.jetring.flow;

    exports io.jetring.api;
    exports io.jetring.api.observe;
    exports io.jetring.api.ws;
}
