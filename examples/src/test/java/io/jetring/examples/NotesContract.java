package io.jetring.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The notes application's whole contract, over real sockets, on the store that a subclass opens
 * (H2 in memory, PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotesContract {
    static final String PASSWORD = "s3cret";
    static final String ORIGIN = "https://app.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private NoteStore store;
    private NotesApp notes;
    private JetServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The store the application runs on, with an empty {@code notes} table. */
    abstract NoteStore openStore() throws Exception;

    /** Called once the server and the store are closed. */
    void closed() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        store = openStore();
        notes = new NotesApp(store, Map.of("DEMO_PASSWORD", PASSWORD, "CORS_ORIGINS", ORIGIN));
        server = JetServer.run(DemoApp.handler(DemoApp.rpcServer(), notes),
                ServerOptions.builder().host("127.0.0.1").port(0).build());
    }

    @AfterAll
    void stop() throws Exception {
        if (notes != null) {
            notes.close();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        closed();
    }

    // --- login, logout, session ------------------------------------------------------------

    @Test
    void loginWithThePasswordRedirectsToTheAppWithASessionCookie() throws Exception {
        HttpResponse<String> ok = login("ada", PASSWORD, null);
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).hasValue("/app");
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("session=").contains("; Path=/").contains("; HttpOnly")
                .contains("; SameSite=Lax").doesNotContain("Secure");
        for (String[] wrong : new String[][] {{"ada", "wrong"}, {"ada", ""}, {"", PASSWORD}, {"a".repeat(65), PASSWORD}}) {
            HttpResponse<String> refused = login(wrong[0], wrong[1], null);
            assertThat(refused.statusCode()).as("login %s/%s", wrong[0], wrong[1]).isEqualTo(401);
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        }
        assertThat(login("b".repeat(64), PASSWORD, null).statusCode()).isEqualTo(303);
    }

    @Test
    void loginGivesANewSessionIdEvenToAClientThatHadOne() throws Exception {
        String first = sessionCookie("ada");
        String second = cookieOf(login("grace", PASSWORD, first));
        assertThat(second).isNotEqualTo(first);
        assertThat(json(get("/api/session", second)).get("user").asText()).isEqualTo("grace");
    }

    @Test
    void sessionGivesTheUserAndTheCsrfToken() throws Exception {
        String cookie = sessionCookie("ada");
        HttpResponse<String> session = get("/api/session", cookie);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(session);
        assertThat(body.get("user").asText()).isEqualTo("ada");
        assertThat(body.get("csrfToken").asText()).hasSizeGreaterThan(20);
        assertThat(json(get("/api/session", cookie)).get("csrfToken")).as("the same token each time").isEqualTo(body.get("csrfToken"));
    }

    @Test
    void logoutRedirectsHomeAndTheOldCookieOpensNoSession() throws Exception {
        String cookie = sessionCookie("ada");
        assertThat(get("/api/session", cookie).statusCode()).isEqualTo(200);
        HttpResponse<String> out = send(HttpRequest.newBuilder(uri("/logout")).header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/");
        assertThat(get("/api/session", cookie).statusCode()).isEqualTo(401);
        assertThat(get("/app", cookie).statusCode()).isEqualTo(303);
    }

    @Test
    void everyApiRouteAnswers401InJsonWithoutASession() throws Exception {
        String[][] routes = {{"GET", "/api/session"}, {"GET", "/api/notes"}, {"POST", "/api/notes"}, {"GET", "/api/notes/1"},
            {"DELETE", "/api/notes/1"}, {"GET", "/api/events"}, {"POST", "/api/upload"}};
        for (String cookie : new String[] {null, "session=made-up"}) {
            for (String[] route : routes) {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri(route[1]))
                        .method(route[0], HttpRequest.BodyPublishers.ofString("{\"title\":\"t\"}"))
                        .header("Content-Type", "application/json");
                if (cookie != null) {
                    request.header("Cookie", cookie);
                }
                HttpResponse<String> response = send(request);
                assertThat(response.statusCode()).as("%s %s with cookie %s", route[0], route[1], cookie).isEqualTo(401);
                assertThat(json(response).get("error").asText()).isNotEmpty();
            }
        }
    }

    @Test
    void changesWithoutTheCsrfTokenAre403() throws Exception {
        String cookie = sessionCookie("ada");
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/api/notes")).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));
        assertThat(none.statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/api/notes")).header("Cookie", cookie).header("X-CSRF-Token", "nope")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));
        assertThat(wrong.statusCode()).isEqualTo(403);
        long id = json(create(new Client(cookie), "{\"title\":\"kept\"}")).get("id").asLong();
        assertThat(send(HttpRequest.newBuilder(uri("/api/notes/" + id)).header("Cookie", cookie).DELETE()).statusCode()).isEqualTo(403);
        String otherToken = new Client(sessionCookie("eve")).token;
        assertThat(send(HttpRequest.newBuilder(uri("/api/notes/" + id)).header("Cookie", cookie).header("X-CSRF-Token", otherToken)
                .DELETE()).statusCode()).as("another session's token").isEqualTo(403);
        assertThat(get("/api/notes/" + id, cookie).statusCode()).isEqualTo(200);
    }

    // --- notes -------------------------------------------------------------------------------

    @Test
    void createAnswers201WithLocationAndTheNote() throws Exception {
        Client ada = login("ada");
        HttpResponse<String> created = create(ada, "{\"title\":\"Groceries\",\"body\":\"milk, eggs\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode note = json(created);
        long id = note.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/notes/" + id);
        assertThat(note.get("title").asText()).isEqualTo("Groceries");
        assertThat(note.get("body").asText()).isEqualTo("milk, eggs");
        assertThat(note.get("author").asText()).isEqualTo("ada");
        assertThat(java.time.Instant.parse(note.get("created").asText())).isBetween(
                java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(1));
        HttpResponse<String> read = get("/api/notes/" + id, ada.cookie);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read)).isEqualTo(note);
        assertThat(json(create(ada, "{\"title\":\"" + "é".repeat(200) + "\"}")).get("title").asText()).hasSize(200);
        assertThat(json(create(ada, "{\"title\":\"no body\"}")).get("body").asText()).isEmpty();
    }

    @Test
    void createRefusesWrongTypesMalformedJsonAndBadTitles() throws Exception {
        Client ada = login("ada");
        HttpResponse<String> text = send(ada.with(HttpRequest.newBuilder(uri("/api/notes")))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(send(ada.with(HttpRequest.newBuilder(uri("/api/notes"))).POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")))
                .statusCode()).as("no content type").isEqualTo(415);
        for (String body : new String[] {"{\"title\":", "not json", "", "null", "{}", "{\"body\":\"b\"}", "{\"title\":\"\"}",
            "{\"title\":\"" + "x".repeat(201) + "\"}", "[1,2]"}) {
            HttpResponse<String> refused = create(ada, body);
            assertThat(refused.statusCode()).as("POST %s", body).isEqualTo(400);
        }
        assertThat(create(ada, "{\"body\":\"b\"}").body()).contains("title");
        assertThat(create(ada, "{\"title\":\"" + "\uD83D\uDE00".repeat(100) + "\"}").statusCode()).as("200 UTF-16 chars").isEqualTo(201);
        assertThat(create(ada, "{\"title\":\"" + "\uD83D\uDE00".repeat(101) + "\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> big = create(ada, "{\"title\":\"big\",\"body\":\"" + "x".repeat(1_500_000) + "\"}");
        assertThat(big.statusCode()).as("a long body is stored or refused, never a 500").isIn(201, 400, 413);
    }

    @Test
    void getAndDeleteAnswer404ForAMissingNote() throws Exception {
        Client ada = login("ada");
        long id = json(create(ada, "{\"title\":\"short-lived\"}")).get("id").asLong();
        assertThat(delete(ada, "/api/notes/" + id).statusCode()).isEqualTo(204);
        assertThat(delete(ada, "/api/notes/" + id).statusCode()).isEqualTo(404);
        assertThat(get("/api/notes/" + id, ada.cookie).statusCode()).isEqualTo(404);
        for (String bad : new String[] {"abc", "-1", "99999999999999999999", "0"}) {
            assertThat(get("/api/notes/" + bad, ada.cookie).statusCode()).as(bad).isEqualTo(404);
            assertThat(delete(ada, "/api/notes/" + bad).statusCode()).as(bad).isEqualTo(404);
        }
    }

    @Test
    void listIsNewestFirstFilteredByTextAndLimited() throws Exception {
        Client ada = login("ada");
        String tag = "tag" + System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String note = i % 2 == 0 ? "{\"title\":\"" + tag + " " + i + "\",\"body\":\"b\"}" : "{\"title\":\"t" + i + "\",\"body\":\"in the body " + tag.toUpperCase() + "\"}";
            ids.add(json(create(ada, note)).get("id").asLong());
        }
        JsonNode all = json(get("/api/notes?q=" + tag, ada.cookie));
        assertThat(all).hasSize(20);
        assertThat(all.get(0).get("id").asLong()).isEqualTo(ids.get(24));
        assertThat(all.get(19).get("id").asLong()).isEqualTo(ids.get(5));
        assertThat(json(get("/api/notes?q=" + tag + "&limit=100", ada.cookie))).hasSize(25);
        JsonNode three = json(get("/api/notes?limit=3&q=" + tag + "%201", ada.cookie));
        assertThat(three).extracting(n -> n.get("id").asLong()).containsExactly(ids.get(18), ids.get(16), ids.get(14));
        assertThat(json(get("/api/notes?q=%25_%21", ada.cookie))).as("LIKE wildcards are plain text").isEmpty();
        assertThat(json(get("/api/notes?limit=1", ada.cookie))).hasSize(1);
        for (String limit : new String[] {"0", "101", "-1", "ten", "1.5"}) {
            HttpResponse<String> refused = get("/api/notes?limit=" + limit, ada.cookie);
            assertThat(refused.statusCode()).as("limit=" + limit).isEqualTo(400);
            assertThat(refused.body()).as("limit=" + limit).contains("limit");
        }
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        Client ada = login("ada");
        HttpResponse<String> put = send(ada.with(HttpRequest.newBuilder(uri("/api/notes"))).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS, POST");
        HttpResponse<String> patch = send(ada.with(HttpRequest.newBuilder(uri("/api/notes/1")))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.headers().firstValue("Allow")).hasValue("DELETE, GET, HEAD, OPTIONS");
    }

    // --- events, uploads, chat ------------------------------------------------------------------

    @Test
    void eventsStreamChangesAndResumeAfterLastEventId() throws Exception {
        Client ada = login("ada");
        String live = "live " + System.nanoTime();
        String later = "later " + System.nanoTime();
        json(create(ada, "{\"title\":\"before\"}"));
        try (EventStream events = EventStream.open(client, uri("/api/events"), ada.cookie, null)) {
            JsonNode note = json(create(ada, "{\"title\":\"" + live + "\"}"));
            String[] created = events.next(live);
            assertThat(created[2]).as("no old events for a new client").doesNotContain("before");
            assertThat(created[0]).isEqualTo("created");
            assertThat(JSON.readTree(created[2])).isEqualTo(note);
            assertThat(delete(ada, "/api/notes/" + note.get("id").asLong()).statusCode()).isEqualTo(204);
            String[] deleted = events.next(live);
            assertThat(deleted[0]).isEqualTo("deleted");
            assertThat(Long.parseLong(deleted[1])).isGreaterThan(Long.parseLong(created[1]));
            assertThat(JSON.readTree(deleted[2]).get("id").asLong()).isEqualTo(note.get("id").asLong());
            json(create(ada, "{\"title\":\"" + later + "\"}"));
            String[] after = events.next(later);
            try (EventStream resumed = EventStream.open(client, uri("/api/events"), ada.cookie, created[1])) {
                assertThat(resumed.next(live)).as("first the missed deletion").containsExactly(deleted);
                assertThat(resumed.next(later)).containsExactly(after);
            }
        }
    }

    @Test
    void uploadAnswersEachPartsSizeAndDigest() throws Exception {
        Client ada = login("ada");
        byte[] file = new byte[100_000];
        new java.util.Random(7).nextBytes(file);
        String boundary = "----notes" + System.nanoTime();
        byte[] body = concat(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhello\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"../../cat.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(UTF_8), file, ("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
        HttpResponse<String> response = send(ada.with(HttpRequest.newBuilder(uri("/api/upload")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parts = json(response);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).get("name").asText()).isEqualTo("comment");
        assertThat(parts.get(0).get("filename").isNull()).isTrue();
        assertThat(parts.get(0).get("size").asLong()).isEqualTo(5);
        assertThat(parts.get(0).get("sha256").asText()).isEqualTo(sha256("hello".getBytes(UTF_8)));
        assertThat(parts.get(1).get("name").asText()).isEqualTo("photo");
        assertThat(parts.get(1).get("filename").asText()).isEqualTo("../../cat.jpg");
        assertThat(parts.get(1).get("size").asLong()).isEqualTo(file.length);
        assertThat(parts.get(1).get("sha256").asText()).isEqualTo(sha256(file));
        assertThat(send(ada.with(HttpRequest.newBuilder(uri("/api/upload"))).header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("garbage"))).statusCode()).isEqualTo(400);
    }

    @Test
    void chatNeedsTheSessionAndReachesEveryClient() throws Exception {
        URI chat = URI.create("ws://127.0.0.1:" + server.port() + "/ws/chat");
        try {
            client.newWebSocketBuilder().buildAsync(chat, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            fail("connected without a session");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401);
        }
        BlockingQueue<String> toAda = new LinkedBlockingQueue<>();
        BlockingQueue<String> toGrace = new LinkedBlockingQueue<>();
        WebSocket ada = chat(chat, sessionCookie("ada"), toAda);
        WebSocket grace = chat(chat, sessionCookie("grace"), toGrace);
        ada.sendText("hi \"all\"", true).get(10, TimeUnit.SECONDS);
        for (BlockingQueue<String> inbox : List.of(toAda, toGrace)) {
            JsonNode message = JSON.readTree(poll(inbox));
            assertThat(message.get("user").asText()).isEqualTo("ada");
            assertThat(message.get("text").asText()).isEqualTo("hi \"all\"");
        }
        grace.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertThat(JSON.readTree(poll(toAda)).get("user").asText()).isEqualTo("grace");
        assertThat(send(HttpRequest.newBuilder(uri("/ws/chat")).header("Cookie", sessionCookie("ada")).GET()).statusCode())
                .as("a plain GET").isEqualTo(426);
        ada.sendClose(1000, "").get(10, TimeUnit.SECONDS);
        grace.sendClose(1000, "").get(10, TimeUnit.SECONDS);
    }

    // --- the page, static files, CORS -------------------------------------------------------------

    @Test
    void theAppPageNeedsASession() throws Exception {
        HttpResponse<String> anonymous = get("/app", null);
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/");
        HttpResponse<String> page = get("/app", sessionCookie("ada"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.body()).contains("/static/app.js").contains("/static/app.css");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(get("/", null).body()).contains("action=\"/login\"");
    }

    @Test
    void staticFilesHaveValidators304RangesAndGzip() throws Exception {
        HttpResponse<String> js = get("/static/app.js", null);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(js.body()).contains("new EventSource('/api/events')");
        String tag = js.headers().firstValue("ETag").orElseThrow();
        assertThat(send(HttpRequest.newBuilder(uri("/static/app.js")).header("If-None-Match", tag)).statusCode()).isEqualTo(304);
        HttpResponse<String> range = send(HttpRequest.newBuilder(uri("/static/app.css")).header("Range", "bytes=0-3"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("body");
        HttpResponse<byte[]> gzip = client.send(HttpRequest.newBuilder(uri("/static/app.js")).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body())).readAllBytes(), UTF_8))
                .isEqualTo(js.body());
        assertThat(get("/static/missing.js", null).statusCode()).isEqualTo(404);
        assertThat(get("/static/../NotesApp.class", null).statusCode()).isIn(400, 404);
    }

    @Test
    void corsAllowsTheListedOriginsWithCredentialsOnTheApiOnly() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/notes")).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type, x-csrf-token")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        HttpResponse<String> stranger = send(HttpRequest.newBuilder(uri("/api/notes")).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        Client ada = login("ada");
        HttpResponse<String> list = send(ada.with(HttpRequest.newBuilder(uri("/api/notes"))).header("Origin", ORIGIN));
        assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(send(HttpRequest.newBuilder(uri("/hello")).header("Origin", ORIGIN)).headers()
                .firstValue("Access-Control-Allow-Origin")).as("not outside /api/").isEmpty();
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** A logged-in client: its session cookie and CSRF token. */
    private final class Client {
        final String cookie;
        final String token;

        Client(String cookie) throws Exception {
            this.cookie = cookie;
            this.token = json(get("/api/session", cookie)).get("csrfToken").asText();
        }

        HttpRequest.Builder with(HttpRequest.Builder request) {
            return request.header("Cookie", cookie).header("X-CSRF-Token", token);
        }
    }

    private Client login(String user) throws Exception {
        return new Client(sessionCookie(user));
    }

    private String sessionCookie(String user) throws Exception {
        return cookieOf(login(user, PASSWORD, null));
    }

    private static String cookieOf(HttpResponse<String> login) {
        assertThat(login.statusCode()).as("login").isEqualTo(303);
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private HttpResponse<String> login(String user, String password, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + java.net.URLEncoder.encode(user, UTF_8)
                        + "&password=" + java.net.URLEncoder.encode(password, UTF_8)));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private HttpResponse<String> create(Client as, String json) throws Exception {
        return send(as.with(HttpRequest.newBuilder(uri("/api/notes"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> delete(Client as, String path) throws Exception {
        return send(as.with(HttpRequest.newBuilder(uri(path))).DELETE());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private WebSocket chat(URI uri, String cookie, BlockingQueue<String> inbox) throws Exception {
        return client.newWebSocketBuilder().header("Cookie", cookie).buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                inbox.add(data.toString());
                ws.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private static String poll(BlockingQueue<String> inbox) throws InterruptedException {
        String message = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a chat message within 10 s").isNotNull();
        return message;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** An event stream read line by line on a thread of its own; events as {type, id, data}. */
    private static final class EventStream implements AutoCloseable {
        private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        private final InputStream body;

        private EventStream(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "event-stream");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(HttpClient client, URI uri, String cookie, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Cookie", cookie).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            return new EventStream(response.body());
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, UTF_8))) {
                String type = "message";
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new String[] {type, id, data.toString()});
                        }
                        type = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        type = line.substring(7);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        data.append(data.length() > 0 ? "\n" : "").append(line.substring(6));
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
        }

        /** The next event whose data contains {@code text}, skipping others (other tests' changes). */
        String[] next(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String[] event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event != null && event[2].contains(text)) {
                    return event;
                }
            }
            throw new AssertionError("no event with " + text + " within 10 s");
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
