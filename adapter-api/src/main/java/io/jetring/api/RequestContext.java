package io.jetring.api;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the engine gives one exchange beyond the request value: an executor for blocking work, and a
 * slot in which a router records the route it matched. Every {@link Request} derived from the one
 * the engine built ({@code withAttribute}, {@code withPath}, …) shares the same context, so what a
 * router records here reaches the engine's request log and metrics, even when the handler fails.
 *
 * <p>It also tells whether the server is stopping ({@link #serverStopping()}), which a readiness
 * check answers from.
 *
 * <p>The context is the one mutable part of a request, and only through {@link #route}: engines
 * create it, routers write the route once matched, engines and observers read it after the exchange.
 */
public final class RequestContext {
    private static final BooleanSupplier NEVER_STOPPING = () -> false;

    private final Executor blockingExecutor;
    private final BooleanSupplier stopping;
    private volatile String routeTemplate;
    private volatile String routeName;

    private RequestContext(Executor blockingExecutor, BooleanSupplier stopping) {
        this.blockingExecutor = Objects.requireNonNull(blockingExecutor, "blockingExecutor");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
    }

    /**
     * A context for one exchange whose blocking work runs on {@code blockingExecutor}: an executor
     * whose threads may block (a worker pool, virtual threads), never an I/O thread. For engines.
     */
    public static RequestContext of(Executor blockingExecutor) {
        return new RequestContext(blockingExecutor, NEVER_STOPPING);
    }

    /**
     * A context as {@link #of(Executor)} whose {@link #serverStopping()} asks {@code stopping}: for
     * engines, which pass one shared supplier to every exchange.
     */
    public static RequestContext of(Executor blockingExecutor, BooleanSupplier stopping) {
        return new RequestContext(blockingExecutor, stopping);
    }

    /**
     * A context for a request built by hand ({@link Request#builder()}: tests, in-memory use): its
     * blocking executor is a shared pool of daemon threads, started on first use.
     */
    public static RequestContext detached() {
        return new RequestContext(Detached.EXECUTOR, NEVER_STOPPING);
    }

    /**
     * Whether the server that received this exchange has begun a graceful stop (its quiet period or
     * its drain): a readiness check answers 503 from then on. Always false for a detached context.
     */
    public boolean serverStopping() {
        return stopping.getAsBoolean();
    }

    /**
     * Where an async handler runs work that blocks (JDBC, a file, a blocking client): the engine's
     * worker pool, or virtual threads where the server uses them. A router runs its sync routes here
     * when it mixes them with async ones; an async handler may hand it any blocking call.
     */
    public Executor blockingExecutor() {
        return blockingExecutor;
    }

    /**
     * Records the route that matched this exchange: its template (such as {@code /users/{id}}) and
     * its name, if it has one. Called by routers; a later call replaces the earlier one (a router
     * mounted inside another records the fuller template).
     */
    public void route(String template, Optional<String> name) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(name, "name");
        this.routeName = name.orElse(null);
        this.routeTemplate = template;
    }

    /** The template of the route that matched, once a router has recorded one. */
    public Optional<String> routeTemplate() {
        return Optional.ofNullable(routeTemplate);
    }

    /** The name of the route that matched, if a router recorded a named route. */
    public Optional<String> routeName() {
        return routeTemplate == null ? Optional.empty() : Optional.ofNullable(routeName);
    }

    @Override
    public String toString() {
        return "RequestContext[route=" + (routeTemplate == null ? "none" : routeTemplate) + "]";
    }

    /** The executor of detached contexts, created when first needed. */
    private static final class Detached {
        private static final AtomicInteger THREADS = new AtomicInteger();
        static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "jetring-detached-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
