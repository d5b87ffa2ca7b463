package io.jetring.servlet.internal;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.RequestBody;
import io.jetring.api.RequestContext;
import io.jetring.api.Response;
import io.jetring.engine.ErrorAnswer;
import io.jetring.engine.Failures;
import io.jetring.engine.Upgrades;
import io.jetring.engine.ws.ConnectionObserver;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketUpgrade;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;

/**
 * The servlet side of every WebSocket engine: a filter in front of the servlet that sees WebSocket
 * upgrade requests first. It builds the {@link Request} record, checks the origin, and lends the
 * request its engine ({@link #ENGINE_ATTRIBUTE}), through which the servlet behind it (a
 * {@code RingServlet}) carries out a WebSocket response ({@code Response.websocket}). With a root
 * {@link WebSocketHandler} (the shorthand for an application without routing) the filter answers
 * valid handshakes itself: the handler's decision becomes a response
 * ({@link WebSocketUpgrade#toResponse()}), carried out through the same {@link #upgrade}, or written
 * as an ordinary HTTP response (with the handler's status, which a handshake callback could not
 * set). The rules are those of {@code JetServer} ({@code docs/SPEC.md} section 11.2).
 */
public abstract class WebSocketUpgradeFilter implements Filter {
    /** The request attribute under which the filter lends an upgrade request its engine (this filter). */
    public static final String ENGINE_ATTRIBUTE = WebSocketUpgradeFilter.class.getName();
    static final System.Logger LOGGER = System.getLogger("io.jetring.servlet.WebSocket");

    /** The root WebSocket handler, or {@code null} when the servlet behind answers every upgrade. */
    private final WebSocketHandler handler;
    private final WebSocketOptions options;

    /**
     * A filter that asks {@code handler} about each valid handshake and runs accepted ones with
     * {@code options}; {@code handler} may be {@code null}: the servlet behind then answers upgrades.
     */
    protected WebSocketUpgradeFilter(WebSocketHandler handler, WebSocketOptions options) {
        this.handler = handler;
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Registers this filter in {@code context} at {@code urlPattern}, for {@code REQUEST} dispatches,
     * in front of the servlets mapped there, with async support (the servlet behind it may need it).
     * Fails if a jetring WebSocket filter is already registered at that pattern.
     */
    public final FilterRegistration.Dynamic register(ServletContext context, String urlPattern) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(urlPattern, "urlPattern");
        FilterRegistration.Dynamic registration = context.addFilter("jetring-websocket" + urlPattern, this);
        if (registration == null) {
            throw new IllegalStateException("a jetring WebSocket filter is already installed at " + urlPattern);
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, urlPattern);
        return registration;
    }

    /** The options every accepted connection runs with. */
    protected final WebSocketOptions options() {
        return options;
    }

    /**
     * Upgrades the connection for {@code upgrade}, whose subprotocol (if any) the client offered; the
     * response's headers are set already. Returns false if the engine found no valid handshake after
     * all (nothing is written then).
     */
    protected abstract boolean upgradeConnection(HttpServletRequest servletRequest, HttpServletResponse servletResponse,
                                                 Request request, Body.Upgrade upgrade) throws Exception;

    /**
     * What sees the connection about to be upgraded from {@code request}: the observers of the
     * {@code RingServlet} that answered it (or, for the root handler's upgrades, of the context's
     * first observed one); {@link ConnectionObserver#NONE} when there are none. Give it to the
     * connection before it opens.
     */
    protected static ConnectionObserver observer(HttpServletRequest servletRequest, Request request) {
        return Observation.webSocket(servletRequest, request);
    }

    /**
     * Carries out a WebSocket response that {@code Upgrades.refusal} has allowed for {@code request}:
     * {@code headers} go out with the {@code 101}. On the thread of the request's dispatch, or of its
     * async cycle (which the caller then completes). Returns false if the engine found no valid
     * handshake.
     */
    public final boolean upgrade(HttpServletRequest servletRequest, HttpServletResponse servletResponse, Request request,
                                 Body.Upgrade upgrade, Headers headers) throws Exception {
        for (int i = 0, n = headers.size(); i < n; i++) {
            servletResponse.addHeader(headers.name(i), headers.value(i));
        }
        return upgradeConnection(servletRequest, servletResponse, request, upgrade);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !isUpgrade(request)) {
            chain.doFilter(req, res);
            return;
        }
        Request record;
        try {
            record = Requests.from(request, RequestBody.empty(), RequestContext.detached());
        } catch (BadRequestException e) {
            fail(request, response, e);
            return;
        }
        if (!options.allowsOrigin(record.header("Origin"))) {
            LOGGER.log(Level.DEBUG, () -> record.path() + ": WebSocket upgrade from origin "
                    + record.header("Origin").orElse("") + " refused (allowedOrigins: " + options.allowedOrigins() + ")");
            write(response, Response.text(403, "Forbidden: origin not allowed"));
            return;
        }
        request.setAttribute(ENGINE_ATTRIBUTE, this);
        if (handler == null || !Upgrades.isHandshake(record)) {
            chain.doFilter(req, res);
            return;
        }
        Response answer;
        try {
            WebSocketUpgrade decision = handler.handle(record);
            if (decision == null) {
                throw new NullPointerException("the WebSocket handler returned null (expected: a WebSocketUpgrade)");
            }
            answer = Upgrades.checked(record, decision.toResponse());
        } catch (Throwable t) {
            fail(request, response, t);
            return;
        }
        if (!(answer.body() instanceof Body.Upgrade upgrade)) {
            write(response, answer);
            return;
        }
        try {
            if (!upgrade(request, response, record, upgrade, answer.headers())) {
                fail(request, response, new BadRequestException("not a WebSocket handshake"));
            }
        } catch (Exception e) {
            fail(request, response, e);
        }
    }

    /** An upgrade request ({@code Request.isWebSocketUpgrade()}): a {@code GET} whose {@code Upgrade} names {@code websocket}. */
    static boolean isUpgrade(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        var headers = request.getHeaders("Upgrade");
        while (headers != null && headers.hasMoreElements()) {
            if (Arrays.stream(headers.nextElement().split(",")).map(String::trim).anyMatch("websocket"::equalsIgnoreCase)) {
                return true;
            }
        }
        return false;
    }

    /** Answers a failure as {@code docs/SPEC.md} section 8 says: 400 with the message, else 500 without details. */
    private static void fail(HttpServletRequest request, HttpServletResponse response, Throwable failure) throws IOException {
        ErrorAnswer error = Failures.answer(failure);
        if (error.status() == 500) {
            LOGGER.log(Level.ERROR, request.getMethod() + " " + request.getRequestURI()
                    + ": the WebSocket upgrade failed; answered 500", error.cause());
        }
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        write(response, Response.text(error.status(), error.text() + "\n"));
    }

    /**
     * Writes a rejection with blocking I/O. A publisher body is not streamed here (an upgrade request
     * is answered within its dispatch): the client gets the status and headers with an empty body.
     */
    static void write(HttpServletResponse response, Response answer) throws IOException {
        response.setStatus(answer.status());
        Headers headers = answer.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            response.addHeader(headers.name(i), headers.value(i));
        }
        Body body = answer.body();
        byte[] bytes;
        if (body instanceof Body.Bytes b) {
            bytes = b.bytes();
        } else if (body instanceof Body.Buffer b) {
            bytes = b.toBytes();
        } else if (body instanceof Body.Text t) {
            bytes = t.text().getBytes(t.charset());
        } else if (body instanceof Body.File f) {
            try (InputStream in = f.open()) {
                bytes = in.readAllBytes();
            }
        } else if (body instanceof Body.Stream s) {
            try (InputStream in = s.stream()) {
                bytes = in.readAllBytes();
            }
        } else {
            bytes = new byte[0];
        }
        response.setContentLength(bytes.length);
        if (bytes.length > 0) {
            OutputStream out = response.getOutputStream();
            out.write(bytes);
        }
        response.flushBuffer();
    }
}
