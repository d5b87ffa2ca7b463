/** The router: routes as data, path parameters, groups, WebSocket routes, reverse routing. */
module io.jetring.router {
    requires transitive io.jetring.api;

    exports io.jetring.router;
}
