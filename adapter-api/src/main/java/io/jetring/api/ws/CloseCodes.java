package io.jetring.api.ws;

import io.jetring.api.InvalidArgumentException;
import java.nio.charset.StandardCharsets;

/** The close codes of RFC 6455 section 7.4, and the rules for the ones an endpoint may send. */
public final class CloseCodes {
    /** {@value}: normal closure; what {@link WebSocket#close()} sends. */
    public static final int NORMAL = 1000;
    /** {@value}: going away; a server that stops, a browser that leaves the page. */
    public static final int GOING_AWAY = 1001;
    /** {@value}: the peer broke the protocol (an unmasked client frame, a bad opcode, …). */
    public static final int PROTOCOL_ERROR = 1002;
    /** {@value}: a data type this endpoint does not accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** {@value}: reported only, never sent: the close frame carried no code. */
    public static final int NO_STATUS = 1005;
    /** {@value}: reported only, never sent: the connection ended without a close handshake. */
    public static final int ABNORMAL = 1006;
    /** {@value}: a text message that is not valid UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** {@value}: the message breaks a policy of this endpoint. */
    public static final int POLICY_VIOLATION = 1008;
    /** {@value}: a message larger than this endpoint accepts. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** {@value}: (client) the server did not agree to a required extension. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** {@value}: an unexpected condition; also sent when a listener throws. */
    public static final int INTERNAL_ERROR = 1011;
    /** {@value}: the largest reason, in UTF-8 bytes, that fits in a close frame. */
    public static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /** Whether an endpoint may put {@code code} in a close frame: {@code 1000..1003}, {@code 1007..1014}, {@code 3000..4999}. */
    public static boolean isSendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    /** Checks a code and reason about to be sent; throws {@link InvalidArgumentException} naming the bad one. */
    public static void check(int code, String reason) {
        if (!isSendable(code)) {
            throw InvalidArgumentException.of("close code", code, "1000..1003, 1007..1014 or 3000..4999");
        }
        if (reason == null) {
            throw new NullPointerException("reason");
        }
        int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_REASON_BYTES) {
            throw InvalidArgumentException.of("close reason", bytes + " bytes in UTF-8", "at most " + MAX_REASON_BYTES);
        }
    }
}
