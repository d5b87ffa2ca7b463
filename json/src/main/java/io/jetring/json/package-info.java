/**
 * JSON with Jackson, the one home of Jackson in jetring: {@link io.jetring.json.JsonMapping} holds the
 * {@code ObjectMapper} configuration that the server side ({@link io.jetring.json.Json}), the HTTP
 * client's {@code As.json} and the RPC {@code JsonCodec} share. See {@code docs/middleware.md}.
 */
package io.jetring.json;
