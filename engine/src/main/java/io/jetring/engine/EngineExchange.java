package io.jetring.engine;

import io.jetring.api.Response;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The part of one HTTP exchange that every engine shares ({@code docs/SPEC.md} sections 6 and 8):
 * it settles exactly once, with the handler's response, its failure, or the async timeout's 503,
 * whichever comes first; a stage that completes later is dropped. A failure is answered by the
 * rules of {@link Failures}: logged once at its level, then written as an error answer, or, once the
 * response is committed, by aborting it. A {@code null} response is a failure.
 *
 * <p>An engine says how to schedule the timeout, write a response and an error answer, abort, and
 * log; {@code JetServer} schedules on Jetty's scheduler, the servlet bridge and the in-process client
 * on an {@link EngineTimer} they own. Applications never use it.
 *
 * @param <X> what the engine's writes may throw ({@link RuntimeException} if nothing checked)
 */
public abstract class EngineExchange<X extends Exception> implements HandlerExchange<X> {
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<EngineExchange> SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(EngineExchange.class, "settled");

    private volatile int settled;
    private volatile Cancellable timeout;

    /** Cancels a scheduled async timeout. */
    @FunctionalInterface
    public interface Cancellable {
        /** Cancels it, if it has not run yet. */
        void cancel();
    }

    /** Decides the outcome now: true iff this call did (nothing had settled the exchange before). */
    protected final boolean settle() {
        return SETTLED.compareAndSet(this, 0, 1);
    }

    /** Whether the outcome has been decided. */
    protected final boolean isSettled() {
        return settled != 0;
    }

    /** Settles with the handler's response, unless the exchange is settled already. */
    @Override
    public final void respond(Response response) throws X {
        if (settle()) {
            answer(response);
        }
    }

    /** Settles with the handler's failure, unless the exchange is settled already. */
    @Override
    public final void fail(Throwable failure) throws X {
        if (settle()) {
            answer(failure);
        }
    }

    /**
     * Waits for {@code stage} without holding a thread: settles with its outcome, or with 503 if it
     * is still pending after {@code timeoutMillis} ({@link #timeOut}).
     */
    @Override
    public final void await(CompletionStage<Response> stage, long timeoutMillis) throws X {
        timeout = scheduleTimeout(timeoutMillis);
        stage.whenComplete(this::completed);
    }

    private void completed(Response response, Throwable failure) {
        if (!settle()) {
            log(ErrorAnswer.Level.DEBUG, Failures.lateCompletion(), null);
            dropped(response);
            return;
        }
        cancelTimeout();
        try {
            stageCompleted(response, failure);
        } catch (Exception e) {
            log(ErrorAnswer.Level.WARN, "writing the response failed", e);
        }
    }

    /** The async timeout, run by what {@link #scheduleTimeout} scheduled: 503 unless the stage has completed. */
    protected final void timeOut(long timeoutMillis) {
        if (!settle()) {
            return;
        }
        ErrorAnswer answer = Failures.asyncTimeout(timeoutMillis);
        log(answer.level(), answer.what(), null);
        try {
            timedOut(answer);
        } catch (Exception e) {
            log(ErrorAnswer.Level.WARN, "writing the response failed", e);
        }
    }

    /** Cancels the async timeout, if one is scheduled. */
    protected final void cancelTimeout() {
        Cancellable t = timeout;
        if (t != null) {
            t.cancel();
        }
    }

    /**
     * Writes {@code response}, or answers a failure if it is {@code null} or writing it throws before
     * the engine took it over.
     */
    protected final void answer(Response response) throws X {
        if (response == null) {
            answer(new NullPointerException("the handler returned null (expected: a Response)"));
            return;
        }
        try {
            write(response);
        } catch (Throwable t) {
            answer(t);
        }
    }

    /**
     * Answers {@code failure} as {@link Failures} says, logged once: the error answer if nothing is
     * committed yet, else the response is aborted. A client that has gone gets nothing.
     */
    protected final void answer(Throwable failure) throws X {
        if (clientWentAway(failure)) {
            return;
        }
        ErrorAnswer answer = Failures.answer(failure, clientTimeout());
        if (isCommitted()) {
            log(answer.level(), Failures.afterCommit(), answer.cause());
            abort(answer.cause());
        } else {
            log(answer.level(), answer.what(), answer.level() == ErrorAnswer.Level.ERROR ? answer.cause() : null);
            writeError(answer);
        }
    }

    /**
     * Schedules {@link #timeOut timeOut(timeoutMillis)} on the engine's timer; if the timer is gone
     * (the engine is stopping), runs nothing and returns a no-op.
     */
    protected abstract Cancellable scheduleTimeout(long timeoutMillis);

    /** The stage completed first: answers with its outcome. An engine may move to another thread first. */
    protected void stageCompleted(Response response, Throwable failure) throws X {
        if (failure != null) {
            answer(failure);
        } else {
            answer(response);
        }
    }

    /** The async timeout settled the exchange: writes {@code answer} (503). An engine may move to another thread first. */
    protected void timedOut(ErrorAnswer answer) throws X {
        writeError(answer);
    }

    /**
     * A response that came after the exchange settled: its body is released
     * ({@link ResponseRules#release}: a stream closed, a publisher cancelled), as nobody will write it.
     */
    protected void dropped(Response late) {
        if (late != null) {
            ResponseRules.release(late.body());
        }
    }

    /** Writes the handler's response; an exception before the engine took it over is answered as a failure. */
    protected abstract void write(Response response) throws Exception;

    /** Writes an error answer in place of anything set so far; nothing is committed yet. */
    protected abstract void writeError(ErrorAnswer answer) throws X;

    /** Whether the response head has been sent: a failure can then only abort it. */
    protected abstract boolean isCommitted();

    /** Aborts a committed response so the client sees it cut off, never a false clean end. */
    protected abstract void abort(Throwable cause) throws X;

    /**
     * Whether {@code failure} says the client went away; if so the engine has ended the exchange
     * quietly. None by default.
     */
    protected boolean clientWentAway(Throwable failure) throws X {
        return false;
    }

    /** The engine's own timeout for the client's body, if it fired (see {@link Failures#answer(Throwable, Throwable)}). */
    protected Throwable clientTimeout() {
        return null;
    }

    /** Logs what happened to this exchange, once, at {@code level}; {@code cause} may be null. */
    protected abstract void log(ErrorAnswer.Level level, String what, Throwable cause);
}
