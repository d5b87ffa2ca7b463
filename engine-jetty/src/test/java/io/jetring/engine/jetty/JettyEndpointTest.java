package io.jetring.engine.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.ws.WebSocketProtocolException;
import io.jetring.api.ws.WebSocketTimeoutException;
import java.io.EOFException;
import org.eclipse.jetty.websocket.api.exceptions.BadPayloadException;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.eclipse.jetty.websocket.api.exceptions.ProtocolException;
import org.junit.jupiter.api.Test;

class JettyEndpointTest {
    @Test
    void jettysRuleBreaksCarryTheirCloseCode() {
        assertThat(JettyEndpoint.translate(new MessageTooLargeException("Text message too large: 70,000 > 65,536")))
                .isInstanceOfSatisfying(WebSocketProtocolException.class, e -> {
                    assertThat(e.closeCode()).isEqualTo(1009);
                    assertThat(e).hasMessage("the peer broke a rule, closing with 1009: Text message too large: 70,000 > 65,536");
                });
        assertThat(JettyEndpoint.translate(new BadPayloadException("Invalid UTF8")))
                .isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(1007));
        assertThat(JettyEndpoint.translate(new ProtocolException("Client MUST mask all frames")))
                .isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(1002));
    }

    @Test
    void timeoutsAreTimeoutsAndOtherFailuresPassThrough() {
        assertThat(JettyEndpoint.translate(
                new org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException("Connection Idle Timeout")))
                .isInstanceOf(WebSocketTimeoutException.class).hasMessageContaining("idleTimeout");
        EOFException eof = new EOFException("reset");
        assertThat(JettyEndpoint.translate(eof)).isSameAs(eof);
    }
}
