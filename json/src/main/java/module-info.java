/**
 * Jackson's one home: the mapper configuration that the server side, the client and RPC share, and
 * JSON request bodies and responses. Records of an application's own module are read by Jackson:
 * their package must be open (or exported) to {@code com.fasterxml.jackson.databind}.
 */
module io.jetring.json {
    requires transitive io.jetring.api;
    requires transitive com.fasterxml.jackson.databind;

    exports io.jetring.json;
}
