package io.jetring.servlet.internal;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.DataSize;
import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.RequestContext;
import io.jetring.api.Response;
import io.jetring.engine.EngineExchange;
import io.jetring.engine.EngineTimer;
import io.jetring.engine.ErrorAnswer;
import io.jetring.engine.Failures;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One request/response exchange inside the container.
 *
 * <p><b>Settling.</b> The outcome (the handler's response, its failure, or the async timeout) is
 * chosen exactly once, by {@link EngineExchange}, which also answers failures as the spec says; a
 * stage that completes after the timeout is dropped.
 *
 * <p><b>Threads.</b> Blocking writes run only on container threads: the dispatch that called the
 * handler (the service thread), or a thread lent by {@link AsyncContext#start}. A stage that
 * completes, or a timeout that fires, on some other thread never writes there itself.
 *
 * <p><b>Ending.</b> An async exchange ends exactly once ({@code ended}), either with
 * {@link AsyncContext#complete()} or, when a committed body failed, by an abort: the bridge
 * dispatches back into the servlet, which throws, because an exception after commit is the one
 * portable way to make a container cut the connection. The container's async timeout is switched
 * off ({@code setTimeout(0)}): the bridge times only the pending stage, as JetServer does, so a long
 * stream is not cut by it.
 *
 * <p><b>Blocking work.</b> The request's {@link RequestContext#blockingExecutor()} runs tasks on
 * container threads through {@link AsyncContext#start} (an async handler's exchange is async from
 * the start); a sync handler's exchange is not async, and its tasks run on the shared pool of
 * {@link RequestContext#detached()}.
 */
final class Exchange extends EngineExchange<IOException> implements AsyncListener {
    /** The request attribute that carries an abort into the dispatch that performs it. */
    static final String ABORT_ATTRIBUTE = Exchange.class.getName() + ".abort";
    /** Why async work fails where the registration forbids it. */
    static final String ASYNC_UNSUPPORTED = "RingServlet: this needs async support (expected: the servlet "
            + "and every filter before it registered with asyncSupported=true)";
    /** Where a sync handler's exchange, which is not async, runs blocking work. */
    private static final Executor NOT_ASYNC = RequestContext.detached().blockingExecutor();

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final EngineTimer timer;
    private final String description;
    private final boolean head;
    private final Thread serviceThread = Thread.currentThread();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean inService = true;
    private volatile AsyncContext async;
    private volatile PublisherWriter writer;
    private volatile ServletRequestBody body;
    private volatile Request record;
    /** Whether the response was cut off, for the request log. */
    private volatile boolean aborted;

    /** Created on the service thread. */
    Exchange(HttpServletRequest request, HttpServletResponse response, EngineTimer timer) {
        this.request = request;
        this.response = response;
        this.timer = timer;
        // Kept as text: containers recycle request objects once the exchange has ended.
        this.description = request.getMethod() + " " + request.getRequestURI();
        this.head = "HEAD".equals(request.getMethod());
    }

    HttpServletResponse response() {
        return response;
    }

    boolean isHead() {
        return head;
    }

    String describe() {
        return description;
    }

    /** The request record; its body reads without blocking iff {@code nonBlocking}; {@code stopping} is its context's. */
    Request newRequest(DataSize maxBodySize, boolean nonBlocking, BooleanSupplier stopping) {
        ServletRequestBody requestBody = new ServletRequestBody(request, maxBodySize, nonBlocking);
        body = requestBody;
        Request built = Requests.from(request, requestBody, RequestContext.of(this::runBlocking, stopping));
        record = built;
        return built;
    }

    /** The request's blocking executor: a container thread once async, else the shared pool. */
    private void runBlocking(Runnable task) {
        AsyncContext context = async;
        if (context == null) {
            NOT_ASYNC.execute(task);
            return;
        }
        try {
            context.start(task);
        } catch (IllegalStateException over) {
            throw new RejectedExecutionException(description + ": the exchange has ended", over);
        }
    }

    /**
     * Carries out a WebSocket response, which {@code Upgrades.refusal} has allowed, through the
     * WebSocket engine that a jetring WebSocket filter in front of this servlet lent the request.
     * Containers upgrade when the dispatch, or the async cycle, ends.
     */
    void upgrade(Body.Upgrade upgrade, Headers headers) throws IOException {
        if (!(request.getAttribute(WebSocketUpgradeFilter.ENGINE_ATTRIBUTE) instanceof WebSocketUpgradeFilter engine)) {
            throw new IllegalStateException(description + ": a WebSocket response, but no WebSocket engine in front of "
                    + "this servlet (expected: JakartaWebSockets.install or JettyWebSockets.install for this path)");
        }
        boolean upgraded;
        try {
            upgraded = engine.upgrade(request, response, record, upgrade, headers);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the WebSocket upgrade failed: " + e, e);
        }
        if (!upgraded) {
            throw new BadRequestException("not a WebSocket handshake");
        }
    }

    /** Puts the exchange in async mode; service thread only. False if the registration forbids it. */
    boolean startAsync() {
        if (async != null) {
            return true;
        }
        if (!request.isAsyncSupported()) {
            return false;
        }
        AsyncContext context = request.startAsync(request, response);
        context.setTimeout(0);
        context.addListener(this);
        async = context;
        return true;
    }

    /** The request record, once built; null before (or when its headers were refused). */
    Request record() {
        return record;
    }

    /** Whether the response was cut off after its head was sent. */
    boolean aborted() {
        return aborted;
    }

    /** The service thread is leaving {@code service()}. */
    void leaveService() {
        inService = false;
        ServletRequestBody requestBody = body;
        if (async == null && requestBody != null) {
            requestBody.abandon(new IOException("the exchange ended before the request body was read"));
        }
    }

    /** The async timeout is scheduled on the bridge's timer; if the servlet is being destroyed, it fires at once. */
    @Override
    protected Cancellable scheduleTimeout(long timeoutMillis) {
        try {
            Future<?> due = timer.schedule(() -> timeOut(timeoutMillis), timeoutMillis);
            return () -> due.cancel(false);
        } catch (RejectedExecutionException destroyed) {
            // Nothing will wait for the stage.
            timeOut(timeoutMillis);
            return () -> { };
        }
    }

    /** The stage completed, on whatever thread: the answer is written on a container thread. */
    @Override
    protected void stageCompleted(Response result, Throwable failure) {
        onContainerThread(() -> {
            if (failure != null) {
                answer(failure);
            } else {
                answer(result);
            }
        });
    }

    @Override
    protected void timedOut(ErrorAnswer answer) {
        onContainerThread(() -> writeError(answer));
    }

    /**
     * Writes the handler's response on this container thread. Throws only where the exchange is not
     * async, on the service thread, to make the container abort a committed response.
     */
    @Override
    protected void write(Response result) throws IOException {
        ResponseWriter.Result written = ResponseWriter.write(this, result);
        if (written == ResponseWriter.Result.CLIENT_GONE) {
            clientGone(null);
        } else if (written == ResponseWriter.Result.WRITTEN) {
            end();
        }
    }

    /** Writes an error answer (or aborts, if the response was committed meanwhile); container thread. */
    @Override
    protected void writeError(ErrorAnswer error) throws ResponseAbortedException {
        if (response.isCommitted()) {
            abort();
            return;
        }
        if (ResponseWriter.writeError(this, error) == ResponseWriter.Result.CLIENT_GONE) {
            clientGone(null);
        } else {
            end();
        }
    }

    @Override
    protected boolean isCommitted() {
        return response.isCommitted();
    }

    @Override
    protected void abort(Throwable cause) throws ResponseAbortedException {
        abort();
    }

    @Override
    protected void log(ErrorAnswer.Level level, String what, Throwable cause) {
        switch (level) {
            case ERROR -> Log.error(this, what, cause);
            case WARN -> Log.warn(this, what, cause);
            default -> Log.debug(this, what, cause);
        }
    }

    /** Hands a publisher body to a {@link PublisherWriter}; the exchange goes async if it was not. */
    void stream(Flow.Publisher<byte[]> publisher) {
        if (!startAsync()) {
            throw new IllegalStateException(ASYNC_UNSUPPORTED);
        }
        PublisherWriter publisherWriter = new PublisherWriter(this);
        writer = publisherWriter;
        publisher.subscribe(publisherWriter);
    }

    /** The publisher failed: a 500 if nothing was written yet, else the response is aborted. Any thread. */
    void publisherFailed(Throwable failure, boolean written) {
        if (written) {
            Log.warn(this, "the body publisher failed; response aborted", failure);
            abortQuietly();
        } else {
            Log.warn(this, "the body publisher failed before the first chunk; answered 500", failure);
            onContainerThread(() -> writeError(Failures.serverError(failure)));
        }
    }

    /** Writing failed because the client went away; nothing more can reach it. */
    void clientGone(Throwable why) {
        Log.debug(this, "the client went away before the response was written", why);
        end();
    }

    /** Ends the exchange normally; the first of {@code end} and {@code abort} wins, later calls do nothing. */
    void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        cancelTimeout();
        AsyncContext context = async;
        if (context != null) {
            try {
                context.complete();
            } catch (IllegalStateException over) {
                Log.debug(this, "the container had already ended the exchange", over);
            }
        }
    }

    /**
     * Aborts a committed response so the client sees a truncated body; the caller has logged why.
     * Outside async mode (service thread) it throws for {@code service()} to pass on; in async mode it
     * dispatches into the servlet, which throws {@link ResponseAbortedException} there.
     */
    void abort() throws ResponseAbortedException {
        aborted = true;
        AsyncContext context = async;
        if (context == null) {
            ended.set(true);
            throw new ResponseAbortedException();
        }
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        cancelTimeout();
        request.setAttribute(ABORT_ATTRIBUTE, Boolean.TRUE);
        try {
            context.dispatch();
        } catch (IllegalStateException over) {
            // The container is already ending the exchange after an error: the connection is gone.
            Log.debug(this, "the container had already ended the exchange", over);
        }
    }

    private void abortQuietly() {
        try {
            abort();
        } catch (ResponseAbortedException impossible) {
            // Only thrown outside async mode, and streaming is always async.
            throw new IllegalStateException(impossible);
        }
    }

    /** Runs {@code task} on a container thread: this one if it is the service thread, else one that {@link AsyncContext#start} lends. */
    private void onContainerThread(Task task) {
        if (inService && Thread.currentThread() == serviceThread) {
            run(task);
            return;
        }
        try {
            async.start(() -> run(task));
        } catch (IllegalStateException over) {
            Log.debug(this, "the exchange ended before the response could be written", over);
            end();
        }
    }

    private void run(Task task) {
        if (ended.get()) {
            // The container ended the exchange (the client left) before this thread got to it.
            Log.debug(this, "the exchange ended before the response could be written", null);
            return;
        }
        try {
            task.run();
        } catch (IOException | RuntimeException e) {
            // Off the service thread the exchange is async: abort() dispatches instead of throwing.
            Log.warn(this, "writing the response failed", e);
            end();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        ended.set(true);
        settle();
        cancelTimeout();
        notifyEnded(new IOException("the exchange ended"));
    }

    @Override
    public void onError(AsyncEvent event) {
        settle();
        Throwable failure = event.getThrowable() == null ? new IOException("the container reported an error")
                : event.getThrowable();
        Log.debug(this, "the container reported a failure; exchange ended", failure);
        notifyEnded(failure);
        end();
    }

    /** The bridge sets no container timeout; a container that enforces one anyway ends the exchange here. */
    @Override
    public void onTimeout(AsyncEvent event) {
        if (settle()) {
            cancelTimeout();
            Log.warn(this, "the container's async timeout expired before the stage completed; answered 503", null);
            run(() -> writeError(Failures.asyncTimeout(0)));
            return;
        }
        IOException failure = new IOException("the container's async timeout expired");
        notifyEnded(failure);
        if (response.isCommitted()) {
            Log.warn(this, "the container's async timeout expired while the body was written; response aborted", null);
            abortQuietly();
        } else {
            end();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // One async cycle per exchange: nothing to re-register.
    }

    private void notifyEnded(Throwable why) {
        PublisherWriter publisherWriter = writer;
        if (publisherWriter != null) {
            publisherWriter.exchangeEnded(why);
        }
        ServletRequestBody requestBody = body;
        if (requestBody != null) {
            requestBody.abandon(why);
        }
    }

    /** Work that writes the response. */
    @FunctionalInterface
    private interface Task {
        void run() throws IOException;
    }
}
