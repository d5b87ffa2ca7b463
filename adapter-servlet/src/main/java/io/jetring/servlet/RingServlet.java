package io.jetring.servlet;

import io.jetring.api.RingHandler;
import io.jetring.servlet.internal.InitParams;
import io.jetring.servlet.internal.ServletBridge;
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
 */
public class RingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient RingHandler handler;
    private transient ServletOptions options;
    private transient volatile ServletBridge bridge;

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
        bridge = new ServletBridge(handler, options);
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

    /** Stops timing pending async stages; the container ends their exchanges as it shuts down. */
    @Override
    public final void destroy() {
        ServletBridge running = bridge;
        bridge = null;
        if (running != null) {
            running.close();
        }
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
