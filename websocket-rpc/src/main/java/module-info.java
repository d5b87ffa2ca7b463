/** Request/response RPC over WebSocket, with a JSON codec. */
module io.jetring.rpc {
    requires transitive io.jetring.api;
    requires transitive com.fasterxml.jackson.databind;
    requires io.jetring.json;

    exports io.jetring.rpc;
}
