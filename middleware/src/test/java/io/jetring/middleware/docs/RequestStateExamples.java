package io.jetring.middleware.docs;

import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.json.Json;
import io.jetring.middleware.CookieSessionStore;
import io.jetring.middleware.Cookies;
import io.jetring.middleware.Csrf;
import io.jetring.middleware.Defaults;
import io.jetring.middleware.Multipart;
import io.jetring.middleware.Parameters;
import io.jetring.middleware.Params;
import io.jetring.middleware.Session;
import io.jetring.middleware.Sessions;
import io.jetring.middleware.SetCookie;
import io.jetring.middleware.UploadedFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The examples of docs/middleware.md (request state), compiled and run by {@code RequestStateDocsTest}. */
public final class RequestStateExamples {
    private RequestStateExamples() {
    }

    enum Sort { NAME, DATE }

    // --- Parameters and forms
    static RingHandler search() {
        RingHandler search = request -> {
            Parameters query = Params.query(request);
            int limit = query.getInt("limit", 20);              // ?limit=ten → 400 "limit: "ten" (expected: an integer …)"
            Sort sort = query.getEnum("sort", Sort.NAME);       // ?sort=size → 400 "sort: "size" (expected: one of name, date)"
            List<String> tags = query.all("tag");               // ?tag=a&tag=b
            return Response.ok(limit + " " + sort + " " + tags);
        };
        return search.wrap(Params.middleware());
    }

    static RingHandler signup() {
        RingHandler signup = request -> {
            Parameters form = Params.form(request);             // application/x-www-form-urlencoded
            String email = form.require("email");               // absent → 400 "email: missing (expected: a value)"
            boolean newsletter = form.getBoolean("newsletter", false); // a checked box sends "on"
            return Response.ok(email + " " + newsletter);
        };
        return signup.wrap(Params.middleware());
    }

    // --- Cookies
    static RingHandler theme() {
        RingHandler theme = request -> {
            String current = Cookies.get(request, "theme").orElse("light");
            SetCookie next = SetCookie.builder("theme", current.equals("light") ? "dark" : "light")
                    .path("/").maxAge(Duration.ofDays(365)).httpOnly(true).sameSite(SetCookie.SameSite.LAX).build();
            return Cookies.set(Response.ok(current), next);
        };
        return theme.wrap(Cookies.middleware());
    }

    // --- Sessions
    static RingHandler visits() {
        RingHandler visits = request -> {
            Session session = Sessions.get(request);
            int n = Integer.parseInt(session.get("visits", "0")) + 1;
            session.put("visits", String.valueOf(n));
            return Response.ok("visit " + n);
        };
        return visits.wrap(Sessions.middleware());
    }

    static RingHandler login() {
        RingHandler login = request -> {
            Session session = Sessions.get(request);
            session.put("user", Params.form(request).require("user"));   // check the password first, of course
            session.regenerate();                                        // a new id: a planted one is worthless
            session.putFlash("message", "Welcome back");                 // for the next request only
            return Response.redirect("/", 303);
        };
        return login.wrap(Params.middleware()).wrap(Sessions.middleware());
    }

    static Middleware sharedSessions(List<byte[]> keys) {
        // Every instance holds the same keys, newest first: sessions need no shared state.
        return Sessions.middleware(CookieSessionStore.of(keys, Duration.ofHours(8)));
    }

    // --- CSRF protection
    static RingHandler comments() {
        RingHandler comments = request -> request.method().equals("GET")
                ? Response.text(200, "<form method=post><input type=hidden name=_csrf value=\"" + Csrf.token(request)
                        + "\"><textarea name=text></textarea><button>Send</button></form>")
                        .withContentType("text/html;charset=utf-8")
                : Response.ok("posted: " + Params.form(request).require("text"));
        return comments.wrap(Sessions.middleware().andThen(Params.middleware()).andThen(Csrf.middleware()));
    }

    // --- Multipart uploads
    static RingHandler upload(Path albums) {
        RingHandler upload = request -> {
            UploadedFile photo = Multipart.file(request, "photo")
                    .orElseThrow(() -> new io.jetring.api.BadRequestException("photo: missing (expected: a file)"));
            // photo.filename() is what the client claims: show it, never open or write it as a path.
            photo.moveTo(albums.resolve(UUID.randomUUID() + ".jpg"));
            return Response.ok(Multipart.fields(request).get("title", "untitled") + ": " + photo.size() + " bytes");
        };
        return upload.wrap(Multipart.middleware(Multipart.Options.defaults()
                .withMaxPartSize(io.jetring.api.DataSize.ofMebibytes(20)).withMaxParts(10)));
    }

    // --- JSON
    record Order(String item, int quantity) {
    }

    record Receipt(String item, int quantity, String status) {
    }

    static RingHandler orders() {
        RingHandler create = request -> {
            Order order = Json.read(request, Order.class);      // 415, 400 (where it broke), 413
            return Json.response(201, new Receipt(order.item(), order.quantity(), "accepted"));
        };
        return create.wrap(Json.middleware());                  // 406 unless Accept admits JSON
    }

    static RingHandler ordersAsync() {
        RingHandler create = RingHandler.async(request -> Json.readAsync(request, Order.class)
                .thenApply(order -> Json.response(201, new Receipt(order.item(), order.quantity(), "accepted"))));
        return create.wrap(Json.middleware());
    }

    // --- Presets and route groups
    static RingHandler app(RingHandler pages, RingHandler api) {
        Middleware site = Defaults.site();                      // cookies, parameters, sessions, CSRF
        Middleware json = Defaults.api();                       // parameters, JSON
        RingHandler sitePages = pages.wrap(site);
        RingHandler apiRoutes = api.wrap(json);
        // One group per path prefix (both sync here); a router's groups take the same middleware values.
        return request -> request.path().startsWith("/api/") ? apiRoutes.handle(request) : sitePages.handle(request);
    }

    static Middleware customSite(List<byte[]> keys) {
        return Defaults.site(Defaults.SiteOptions.defaults()
                .withSessions(Sessions.Options.defaults().withStore(CookieSessionStore.of(keys))
                        .withCookie(SetCookie.builder("__Host-session", "").path("/").secure(true).httpOnly(true)
                                .sameSite(SetCookie.SameSite.STRICT).build()))
                .withMultipart(Multipart.Options.defaults()));
    }

}
