package io.jetring.servlet;

import static io.jetring.servlet.SuiteHandlers.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.servlet.testing.Http;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.testing.RawHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The response side of the contract, the same in every container: framing of each body variant,
 * headers, the async forms, and the error statuses of {@code docs/SPEC.md} sections 5, 6 and 8.
 */
abstract class HandlerSuite extends SuiteBase {

    @Test
    void textAndBytesHaveContentLength() throws Exception {
        HttpResponse<byte[]> text = Http.get(sync.uri("/text"));
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(new String(text.body(), StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(text.headers().firstValue("Content-Length")).hasValue("6");
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).isEqualToIgnoringCase("text/plain;charset=UTF-8"));

        assertThat(Http.get(sync.uri("/latin1")).body()).isEqualTo("héllo".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Http.get(sync.uri("/bytes")).body()).containsExactly(1, 2, 3);
        assertThat(Http.get(sync.uri("/empty")).headers().firstValue("Content-Length")).hasValue("0");
    }

    @Test
    void oneBufferServesManyResponsesAtOnce() throws Exception {
        byte[] expected = java.util.Arrays.copyOfRange(handlers.content, 10, handlers.content.length);
        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.get(sync.uri("/buffer"));
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        for (CompletableFuture<HttpResponse<byte[]>> future : responses) {
            HttpResponse<byte[]> response = future.get(30, TimeUnit.SECONDS);
            assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(expected.length));
            assertThat(response.body()).isEqualTo(expected);
        }
        String head = raw(sync, "HEAD /buffer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: " + expected.length + "\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void aDateAndNoServerVersion() throws Exception {
        HttpResponse<byte[]> response = Http.get(sync.uri("/text"));
        assertThat(response.headers().firstValue("Date")).isPresent();
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void fileBodySendsItsLength() throws Exception {
        HttpResponse<byte[]> response = Http.get(sync.uri("/file"));
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(handlers.content.length));
        assertThat(response.body()).isEqualTo(handlers.content);
    }

    @Test
    void inputStreamBodyIsChunked() throws Exception {
        for (RunningServer server : both()) {
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                raw.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(raw.readHead()).containsIgnoringCase("Transfer-Encoding: chunked")
                        .doesNotContainIgnoringCase("Content-Length");
            }
            assertThat(Http.get(server.uri("/stream")).body()).isEqualTo(handlers.content);
        }
    }

    @Test
    void setCookieValuesStayApart() throws Exception {
        assertThat(Http.get(sync.uri("/cookies")).headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2");
    }

    @Test
    void headAndNoContentSendNoBody() throws Exception {
        String both = raw(sync, "HEAD /file HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /no-content HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(both).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: " + handlers.content.length + "\r\n");
        String second = both.substring(both.indexOf("\r\n\r\n") + 4);
        assertThat(second).startsWith("HTTP/1.1 204").endsWith("\r\n\r\n");
    }

    @Test
    void redirectCarriesLocation() throws Exception {
        HttpResponse<byte[]> response = Http.get(sync.uri("/redirect"));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/text");
    }

    @Test
    void asyncStagesAnswerWhetherCompleteOrPending() throws Exception {
        assertThat(Http.getText(async.uri("/now")).body()).isEqualTo("now");
        assertThat(Http.getText(async.uri("/later")).body()).isEqualTo("later");
        assertThat(Http.getText(async.uri("/text")).body()).isEqualTo("héllo");
    }

    @Test
    void aStageThatNeverCompletesGets503AfterTheAsyncTimeout() throws Exception {
        HttpResponse<String> response = Http.getText(async.uri("/never"));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("503 Service Unavailable\n");
        assertThat(Http.getText(async.uri("/later")).body()).isEqualTo("later");
    }

    @Test
    void aThrowingHandlerGets500WithoutDetails() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Http.getText(server.uri("/throw"));
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("500 Internal Server Error\n");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).isEqualToIgnoringCase("text/plain;charset=utf-8"));
        }
    }

    @Test
    void nullAndFailedStagesGet500() throws Exception {
        assertThat(Http.getText(sync.uri("/null")).statusCode()).isEqualTo(500);
        for (String path : new String[] {"/null", "/null-stage", "/failed-stage", "/late-failure", "/throw"}) {
            HttpResponse<String> response = Http.getText(async.uri(path));
            assertThat(response.statusCode()).as(path).isEqualTo(500);
            assertThat(response.body()).as(path).doesNotContain(SECRET);
        }
    }

    @Test
    void clientFaultsMapTo4xx() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> bad = Http.getText(server.uri("/bad-request"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("400 Bad Request: id: x (expected: a number)\n");
            HttpResponse<String> tooLarge = Http.getText(server.uri("/too-large"));
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.body()).isEqualTo("413 Content Too Large\n");
        }
    }

    @Test
    void headersThatWouldSplitTheResponseAreNeverWritten() throws Exception {
        HttpResponse<String> response = Http.getText(sync.uri("/split"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("X-Split")).isEmpty();
    }

    @Test
    void theServersStayHealthyAfterEveryFault() throws Exception {
        for (RunningServer server : both()) {
            for (String path : new String[] {"/throw", "/null", "/split", "/fail-mid-body", "/stream-fail-mid-body"}) {
                try {
                    Http.get(server.uri(path));
                } catch (java.io.IOException truncated) {
                    assertThat(path).contains("fail-mid-body");
                }
            }
            assertThat(Http.getText(server.uri("/text")).body()).isEqualTo("héllo");
        }
    }
}
