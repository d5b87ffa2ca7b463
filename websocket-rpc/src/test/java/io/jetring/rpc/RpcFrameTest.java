package io.jetring.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wire format of docs/rpc-protocol.md, byte for byte. */
class RpcFrameTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    @Test
    void aRequestIsTypeOneThenTheIdBigEndianThenThePayload() {
        byte[] bytes = new RpcFrame.Request(1, new byte[] {(byte) 0xCA, (byte) 0xFE}).encode();
        assertThat(HEX.formatHex(bytes)).isEqualTo("01" + "0000000000000001" + "cafe");
        assertThat(RpcFrame.decode(bytes)).isEqualTo(new RpcFrame.Request(1, new byte[] {(byte) 0xCA, (byte) 0xFE}));
    }

    @Test
    void aReplyIsTypeZeroThenTheIdThenThePayload() {
        byte[] bytes = new RpcFrame.Reply(0x0102030405060708L, "ok".getBytes(StandardCharsets.UTF_8)).encode();
        assertThat(HEX.formatHex(bytes)).isEqualTo("00" + "0102030405060708" + "6f6b");
        assertThat(RpcFrame.decode(bytes)).isEqualTo(new RpcFrame.Reply(0x0102030405060708L, "ok".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fireAndForgetIsTypeFFThenThePayloadWithNoId() {
        byte[] bytes = new RpcFrame.Notification(new byte[] {1, 2, 3}).encode();
        assertThat(HEX.formatHex(bytes)).isEqualTo("ff010203");
        assertThat(RpcFrame.decode(bytes)).isEqualTo(new RpcFrame.Notification(new byte[] {1, 2, 3}));
        assertThat(RpcFrame.decode(hex("ff"))).isEqualTo(new RpcFrame.Notification(new byte[0]));
    }

    @Test
    void anErrorReplyCarriesItsMessageInUtf8() {
        byte[] bytes = new RpcFrame.ErrorReply(7, "naïve €").encode();
        assertThat(HEX.formatHex(bytes)).isEqualTo("02" + "0000000000000007" + HEX.formatHex("naïve €".getBytes(StandardCharsets.UTF_8)));
        assertThat(RpcFrame.decode(bytes)).isEqualTo(new RpcFrame.ErrorReply(7, "naïve €"));
        // Invalid UTF-8 is read leniently: the peer gets something to show.
        assertThat(RpcFrame.decode(hex("02 0000000000000007 ff41"))).isEqualTo(new RpcFrame.ErrorReply(7, "\uFFFDA"));
    }

    @Test
    void aCancelIsExactlyTheTypeAndTheId() {
        byte[] bytes = new RpcFrame.Cancel(42).encode();
        assertThat(HEX.formatHex(bytes)).isEqualTo("03000000000000002a");
        assertThat(RpcFrame.decode(bytes)).isEqualTo(new RpcFrame.Cancel(42));
    }

    @Test
    void idsAreSigned64BitIntegers() {
        assertThat(HEX.formatHex(new RpcFrame.Request(-1, new byte[0]).encode())).isEqualTo("01ffffffffffffffff");
        assertThat(RpcFrame.decode(hex("01 8000000000000000"))).isEqualTo(new RpcFrame.Request(Long.MIN_VALUE, new byte[0]));
        assertThat(RpcFrame.decode(hex("00 7fffffffffffffff 00"))).isEqualTo(new RpcFrame.Reply(Long.MAX_VALUE, new byte[] {0}));
    }

    @Test
    void anEmptyPayloadIsAllowedEverywhere() {
        assertThat(RpcFrame.decode(hex("01 0000000000000005"))).isEqualTo(new RpcFrame.Request(5, new byte[0]));
        assertThat(RpcFrame.decode(hex("00 0000000000000005"))).isEqualTo(new RpcFrame.Reply(5, new byte[0]));
        assertThat(RpcFrame.decode(hex("02 0000000000000005"))).isEqualTo(new RpcFrame.ErrorReply(5, ""));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''                  | an empty message (expected: a type byte)",
        "04                  | type 0x04 (expected: 0x00, 0x01, 0x02, 0x03 or 0xFF)",
        "fe 0000000000000001 | type 0xFE (expected: 0x00, 0x01, 0x02, 0x03 or 0xFF)",
        "01                  | a 1-byte message of type 0x01 (expected: at least 9 bytes, the type and the id)",
        "00 00000000000001   | a 8-byte message of type 0x00 (expected: at least 9 bytes, the type and the id)",
        "02 0000             | a 3-byte message of type 0x02 (expected: at least 9 bytes, the type and the id)",
        "03 00000000000000   | a 8-byte message of type 0x03 (expected: at least 9 bytes, the type and the id)",
        "03 0000000000000001 00 | a 10-byte cancel (expected: exactly 9 bytes, the type and the id)",
    })
    void malformedMessagesAreProtocolErrors(String bytes, String problem) {
        assertThatThrownBy(() -> RpcFrame.decode(hex(bytes)))
                .isInstanceOfSatisfying(RpcProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(1002))
                .hasMessage("malformed RPC message: " + problem);
    }

    @Test
    void decodingCopiesThePayloadOutOfTheMessage() {
        byte[] message = hex("01 0000000000000001 0a0b");
        RpcFrame.Request request = (RpcFrame.Request) RpcFrame.decode(message);
        message[9] = 0;
        assertThat(request.payload()).containsExactly(0x0a, 0x0b);
    }

    @Test
    void framesReadAsValues() {
        assertThat(new RpcFrame.Request(3, new byte[] {1})).hasSameHashCodeAs(new RpcFrame.Request(3, new byte[] {1}))
                .isNotEqualTo(new RpcFrame.Request(4, new byte[] {1}))
                .isNotEqualTo(new RpcFrame.Reply(3, new byte[] {1}));
        assertThat(new RpcFrame.Request(3, new byte[] {1, 2})).hasToString("Request[3, 0102]");
        assertThat(new RpcFrame.Notification(new byte[100])).hasToString("Notification[100 bytes]");
        assertThatThrownBy(() -> new RpcFrame.Reply(1, null)).isInstanceOf(NullPointerException.class).hasMessage("payload");
    }
}
