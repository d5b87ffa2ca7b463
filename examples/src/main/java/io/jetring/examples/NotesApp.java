package io.jetring.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jetring.api.BadRequestException;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.examples.NoteStore.Note;
import io.jetring.json.Json;
import io.jetring.json.JsonMapping;
import io.jetring.middleware.Compression;
import io.jetring.middleware.Cors;
import io.jetring.middleware.CorsOptions;
import io.jetring.middleware.Csrf;
import io.jetring.middleware.ETags;
import io.jetring.middleware.EventLog;
import io.jetring.middleware.Multipart;
import io.jetring.middleware.Parameters;
import io.jetring.middleware.Params;
import io.jetring.middleware.SecurityHeaders;
import io.jetring.middleware.Sessions;
import io.jetring.middleware.StaticFiles;
import io.jetring.middleware.UploadedFile;
import io.jetring.router.Router;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The notes application ({@code README.md} lists its endpoints): database handlers are sync, the rest async.
 */
public final class NotesApp {
    private static final Response PAGE = DemoApp.resource("app.html", "text/html;charset=utf-8");
    private static final Response NO_NOTE = Json.response(404, Map.of("error", "no such note"));
    private final NoteStore store;
    private final byte[] password;
    private final List<String> corsOrigins;
    private final EventLog events = EventLog.keeping(1000);
    private final Set<WebSocket> chat = ConcurrentHashMap.newKeySet();
    private final Middleware sessions = Sessions.middleware();

    record NewNote(String title, String body) {}
    record Part(String name, String filename, long size, String sha256) {}   // filename: null for a plain field

    /** The application on {@code store}; {@code env} gives DEMO_PASSWORD (default jetring) and CORS_ORIGINS. */
    public NotesApp(NoteStore store, Map<String, String> env) {
        this.store = store;
        this.password = env.getOrDefault("DEMO_PASSWORD", "jetring").getBytes(UTF_8);
        this.corsOrigins = List.of(env.getOrDefault("CORS_ORIGINS", "").split(",")).stream().map(String::trim)
                .filter(origin -> !origin.isEmpty()).toList();
    }

    /** Adds the application's routes to {@code routes}. */
    public Router.Builder addTo(Router.Builder routes) {
        Middleware web = SecurityHeaders.of().andThen(Compression.gzip());
        Middleware site = web.andThen(sessions);
        Middleware api = site.andThen(requireUser(Json.response(401, Map.of("error", "log in first"))))
                .andThen(Csrf.middleware()).andThen(Params.middleware());
        if (!corsOrigins.isEmpty()) {   // around the router, so that it answers the preflights too
            routes.middleware("/api", Cors.of(CorsOptions.defaults().withAllowedOrigins(corsOrigins)
                    .withAllowedMethods("GET", "POST", "DELETE").withAllowedHeaders("Content-Type", "X-CSRF-Token")
                    .withExposedHeaders("Location").withAllowCredentials(true)));
        }
        return routes
                .post("/login", async(this::login).wrap(site.andThen(Params.middleware())))
                .post("/logout", async(NotesApp::logout).wrap(site))
                .get("/app", async(request -> PAGE).wrap(site.andThen(requireUser(Response.redirect("/", 303)))))
                .get("/static/{*file}", async(request -> Response.notFound())
                        .wrap(web.andThen(StaticFiles.classpath("/static", "io/jetring/examples/static"))))
                .websocket("/ws/chat", async(this::chat).wrap(site.andThen(requireUser(Response.text(401, "Unauthorized")))))
                .group("/api", api, a -> a
                        .get("/session", async(request -> Json.response(Map.of("user", user(request), "csrfToken", Csrf.token(request)))))
                        .get("/events", async(events::response))     // resumes after Last-Event-ID
                        .post("/upload", ((RingHandler) NotesApp::upload).wrap(Multipart.middleware()))
                        .group("/notes", Json.middleware().andThen(ETags.of()), notes -> notes
                                .get("/", this::list)
                                .post("/", this::create)
                                .get("/{id}", request -> store.get(id(request)).map(Json::response).orElse(NO_NOTE))
                                .delete("/{id}", this::delete)));
    }

    /** Ends the event streams, which would otherwise hold a graceful stop until its timeout. */
    public void close() {
        events.close();
    }

    private Response login(Request request) {
        Parameters form = Params.form(request);
        String user = form.get("username", "");
        if (user.isEmpty() || user.length() > 64 || !MessageDigest.isEqual(form.get("password", "").getBytes(UTF_8), password)) {
            return Response.text(401, "Unauthorized: wrong user name or password");
        }
        Sessions.get(request).put("user", user);
        Sessions.get(request).regenerate();   // a new session id: one planted before the login is worthless
        return Response.redirect("/app", 303);
    }

    private static Response logout(Request request) {
        Sessions.get(request).invalidate();
        return Response.redirect("/", 303);
    }

    private Response list(Request request) throws Exception {
        Parameters query = Params.query(request);
        int limit = query.get("limit", Integer::parseInt, "an integer in 1..100").orElse(20);
        if (limit < 1 || limit > 100) {
            throw new BadRequestException("limit: " + limit + " (expected: an integer in 1..100)");
        }
        return Json.response(store.list(query.get("q"), limit));
    }

    private Response create(Request request) throws Exception {
        NewNote note = Json.read(request, NewNote.class);
        int length = note.title() == null ? 0 : note.title().length();   // UTF-16 units, as in JavaScript
        if (length < 1 || length > 200) {
            throw new BadRequestException("title: " + length + " characters (expected: 1..200)");
        }
        Note created = store.create(note.title(), note.body() == null ? "" : note.body(), user(request));
        events.publish("created", json(created));
        return Json.response(201, created).withHeader("Location", "/api/notes/" + created.id());
    }

    private Response delete(Request request) throws Exception {
        Optional<Note> deleted = store.delete(id(request));
        deleted.ifPresent(note -> events.publish("deleted", json(note)));
        return deleted.map(note -> Response.status(204)).orElse(NO_NOTE);
    }

    private static Response upload(Request request) throws Exception {
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> field : Multipart.fields(request).toMap().entrySet()) {
            for (byte[] value : field.getValue().stream().map(v -> v.getBytes(UTF_8)).toList()) {
                parts.add(new Part(field.getKey(), null, value.length, sha256(value)));
            }
        }
        for (UploadedFile file : Multipart.files(request)) {
            parts.add(new Part(file.field(), file.filename().orElse(null), file.size(), sha256(file.readAllBytes())));
        }
        return Json.response(parts);
    }

    private Response chat(Request request) {
        String user = user(request);
        return Response.websocket(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws) {
                chat.add(ws);
            }

            @Override
            public void onText(WebSocket ws, String text) {
                String message = json(Map.of("user", user, "text", text));
                chat.forEach(peer -> peer.sendText(message));   // a peer that cannot keep up loses messages
            }

            @Override
            public void onClose(WebSocket ws, int code, String reason) {
                chat.remove(ws);
            }
        });
    }

    private static String user(Request request) {
        return Sessions.get(request).get("user").orElseThrow();
    }

    private static long id(Request request) {   // the path's id; -1 (which no note has) if not a number
        String id = Router.pathParam(request, "id");
        return id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1;
    }

    private static String json(Object value) {
        return new String(JsonMapping.defaults().write(value), UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Lets a request on only if its session has a user; else answers {@code refusal}. */
    private static Middleware requireUser(Response refusal) {
        return Middleware.around((request, next) -> Sessions.get(request).get("user").isPresent()
                ? next.apply(request) : Middleware.completed(refusal));
    }

    private static RingHandler async(Function<Request, Response> handler) {
        return RingHandler.async(request -> CompletableFuture.completedFuture(handler.apply(request)));
    }
}
