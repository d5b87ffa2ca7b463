package io.jetring.servlet;

import io.jetring.api.RingHandler;
import io.jetring.api.observe.ServerStats;
import io.jetring.servlet.internal.InitParams;
import io.jetring.servlet.internal.Observation;
import io.jetring.servlet.internal.ServletBridge;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Runs a {@link RingHandler} inside any Servlet 6 container, by the contract of
 * {@code docs/SPEC.md}: the handler sees the same {@code Request} record and gets the same framing,
 * async, streaming and error behaviour as under {@code JetServer}.
 *
 * <p>Register it for {@code /*} (or any mapping) <b>with async support</b>: async handlers and
 * publisher bodies need {@code startAsync()}.
 *
 * <pre>{@code
 * ServletRegistration.Dynamic ring = context.addServlet("ring", new RingServlet(handler));
 * ring.setAsyncSupported(true);
 * ring.addMapping("/*");
 * }</pre>
 *
 * <p>Or subclass it for {@code @WebServlet}, or name the handler in {@code web.xml} with the
 * no-argument constructor and the init parameter {@code jetring.handler} (a class that implements
 * {@code RingHandler} or {@code Supplier<RingHandler>}). The init parameters
 * {@code jetring.maxBodySize} and {@code jetring.asyncTimeout} override the {@link ServletOptions}.
 *
 * <p>A sync handler runs on the container's request thread. An async handler runs after
 * {@code startAsync()}; the servlet itself times its stage ({@link ServletOptions#asyncTimeout()},
 * 503 when it passes) and switches the container's async timeout off, so a long stream is not cut.
 * Everything else (ports, TLS, HTTP/2, header limits, idle timeouts, threads, graceful stop) comes
 * from the container.
 *
 * <p>Readiness ({@code Health.ready()}, {@code RequestContext.serverStopping()}) turns to 503 when
 * {@link #destroy()} begins, or earlier when the application calls {@link #beginStop()}. The
 * {@linkplain ServletOptions#observers() observers} see the servlet's live counts from {@code init()}
 * until {@code destroy()} ({@link #stats()}).
 */
public class RingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient RingHandler handler;
    private transient ServletOptions options;
    private transient volatile ServletBridge bridge;
    private transient volatile Observation observation;
    private transient volatile boolean stopBegun;

    /** A servlet whose handler is named by the init parameter {@code jetring.handler}. */
    public RingServlet() {
        this.options = ServletOptions.defaults();
    }

    /** A servlet for {@code handler}, with the default options. */
    public RingServlet(RingHandler handler) {
        this(handler, ServletOptions.defaults());
    }

    /** A servlet for {@code handler}, with {@code options} (init parameters may override them). */
    public RingServlet(RingHandler handler, ServletOptions options) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Reads the init parameters and prepares the bridge. Fails with
     * {@link io.jetring.api.InvalidOptionException} for a bad parameter, so the container does not
     * put a misconfigured servlet in service.
     */
    @Override
    public final void init() throws ServletException {
        options = InitParams.options(options, this::getInitParameter);
        if (handler == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            handler = InitParams.handler(getInitParameter(InitParams.HANDLER),
                    loader != null ? loader : RingServlet.class.getClassLoader());
        }
        Observation observing = Observation.of(options.requestLog(), options.observers());
        if (stopBegun) {
            observing.beginStop();
        }
        observation = observing;
        if (observing.active()) {
            // A root WebSocket handler's upgrades never reach a servlet: they report to the context's first observed one.
            ServletContext context = context();
            if (context != null && !(context.getAttribute(Observation.CONTEXT_ATTRIBUTE) instanceof Observation)) {
                context.setAttribute(Observation.CONTEXT_ATTRIBUTE, observing);
            }
            observing.started();
        }
        bridge = new ServletBridge(handler, options, observing);
    }

    /** Runs the handler for every method, {@code HEAD} and {@code OPTIONS} included. */
    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServletBridge running = bridge;
        if (running == null) {
            throw new IllegalStateException("RingServlet: not initialised (expected: init() before service())");
        }
        running.service(request, response);
    }

    /**
     * Turns readiness to 503 at once (as {@link #beginStop()}), stops timing pending async stages (the
     * container ends their exchanges as it shuts down), and tells the observers that the servlet has
     * stopped, so that their gauges go.
     */
    @Override
    public final void destroy() {
        Observation observing = observation;
        if (observing != null) {
            observing.beginStop();
        }
        ServletBridge running = bridge;
        bridge = null;
        if (running != null) {
            running.close();
        }
        if (observing != null && observing.active()) {
            ServletContext context = context();
            if (context != null && context.getAttribute(Observation.CONTEXT_ATTRIBUTE) == observing) {
                context.removeAttribute(Observation.CONTEXT_ATTRIBUTE);
            }
            observing.stopped();
        }
    }

    /** The servlet's context; {@code null} for a servlet initialised by hand without one. */
    private ServletContext context() {
        ServletConfig config = getServletConfig();
        return config == null ? null : config.getServletContext();
    }

    /**
     * Turns readiness to 503 from now on ({@code RequestContext.serverStopping()}, so
     * {@code Health.ready()} answers {@code 503 stopping}), while the servlet goes on serving
     * whatever the container routes to it: the quiet period of {@code JetServer.stop()}, for an
     * application that learns of its stop before the container does (a pre-stop hook that calls a
     * drain route, say). Cannot be undone; {@link #destroy()} does it too.
     */
    public final void beginStop() {
        stopBegun = true;
        Observation observing = observation;
        if (observing != null) {
            observing.beginStop();
        }
    }

    /** Whether readiness answers 503: {@link #beginStop()} was called, or {@link #destroy()} has begun. */
    public final boolean isStopping() {
        Observation observing = observation;
        return stopBegun || observing != null && observing.stopping();
    }

    /**
     * The servlet's live counts, as its observers see them: requests in flight and open WebSockets
     * (counted while the servlet has a request log or an observer; zero otherwise), no connections
     * (the container owns them), and whether it is {@linkplain #isStopping() stopping}.
     *
     * @throws IllegalStateException before {@code init()}
     */
    public final ServerStats stats() {
        Observation observing = observation;
        if (observing == null) {
            throw new IllegalStateException("RingServlet: not initialised (expected: init() before stats())");
        }
        return observing;
    }

    /** The handler this servlet runs; set once the servlet is initialised if it came from {@code jetring.handler}. */
    public final RingHandler handler() {
        return handler;
    }

    /** The options in force: the constructor's, overridden by init parameters once initialised. */
    public final ServletOptions options() {
        return options;
    }

    @Override
    public String getServletInfo() {
        return "jetring RingServlet";
    }
}
