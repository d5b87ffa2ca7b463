package io.jetring.middleware;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Request;
import io.jetring.api.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SubmissionPublisher;

/**
 * A live feed of Server-Sent Events that clients can resume. Events are numbered 1, 2, 3… as they are
 * published, and the newest {@code kept} are held: a client that reconnects with {@code Last-Event-ID}
 * gets the kept events after that id, then every new one. A client without one gets new events only.
 *
 * <p>Each client has a buffer of its own, of {@code 2 × kept} events: one that falls further behind
 * (a stalled connection) is cut off, its stream failing, which ends the response; the browser then
 * reconnects and resumes from its last id. Publishing never blocks and never waits for a client.
 * Thread-safe. Events are delivered on the common fork-join pool.
 */
public final class EventLog {
    private static final int MAX_KEPT = 1 << 20;

    private final int kept;
    private final ArrayDeque<ServerSentEvent> recent = new ArrayDeque<>();
    private final List<SubmissionPublisher<ServerSentEvent>> clients = new ArrayList<>();
    private long lastId;
    private boolean closed;

    private EventLog(int kept) {
        this.kept = kept;
    }

    /** A log that keeps the newest {@code kept} events ({@code 1..1048576}) for clients that resume. */
    public static EventLog keeping(int kept) {
        if (kept < 1 || kept > MAX_KEPT) {
            throw InvalidArgumentException.of("kept", kept, "1.." + MAX_KEPT);
        }
        return new EventLog(kept);
    }

    /** Numbers an event of this type, keeps it and sends it to every client; returns it. */
    public synchronized ServerSentEvent publish(String type, String data) {
        ServerSentEvent event = ServerSentEvent.of(data).withEvent(type).withId(Long.toString(++lastId));
        recent.addLast(event);
        if (recent.size() > kept) {
            recent.removeFirst();
        }
        departed();
        clients.forEach(client -> offer(client, event));
        return event;
    }

    /**
     * For one client, the kept events numbered above {@code lastSeen}, then the new ones; with
     * {@code Long.MAX_VALUE}, new ones only. Each subscription is a client of its own.
     */
    public Flow.Publisher<ServerSentEvent> after(long lastSeen) {
        return subscriber -> {
            SubmissionPublisher<ServerSentEvent> client = new SubmissionPublisher<>(ForkJoinPool.commonPool(), 2 * kept);
            client.subscribe(subscriber);
            synchronized (this) {
                if (closed) {
                    client.close();
                    return;
                }
                recent.stream().filter(event -> Long.parseLong(event.id().orElseThrow()) > lastSeen)
                        .forEach(event -> offer(client, event));
                departed();   // clients that left between two events are dropped on the next connect too
                clients.add(client);
            }
        };
    }

    /**
     * {@code 200 text/event-stream} for this request: after its {@code Last-Event-ID}, or new events
     * only if it sends none (or one that is not a number this log gave).
     */
    public Response response(Request request) {
        return response(request, SseOptions.defaults());
    }

    /** {@link #response(Request)} with these options. */
    public Response response(Request request, SseOptions options) {
        Objects.requireNonNull(request, "request");
        long lastSeen = ServerSentEvents.lastEventId(request).filter(id -> id.matches("[0-9]{1,18}"))
                .map(Long::parseLong).orElse(Long.MAX_VALUE);
        return ServerSentEvents.response(after(lastSeen), options);
    }

    /**
     * Ends every client's stream, now and from now on: a graceful stop then need not wait for them.
     * The browsers reconnect with their last id; ids are this log's own, in memory, so resuming is
     * exact only against the same running log: after a restart, or at another instance, numbering
     * starts again at 1 and a resumed client may miss or repeat events. Events published afterwards
     * are still numbered and kept.
     */
    public synchronized void close() {
        closed = true;
        clients.forEach(SubmissionPublisher::close);
        clients.clear();
    }

    /** Drops the clients that left (their subscriber cancelled) or were cut off. Under the lock. */
    private void departed() {
        clients.removeIf(client -> client.isClosed() || !client.hasSubscribers());
    }

    private static void offer(SubmissionPublisher<ServerSentEvent> client, ServerSentEvent event) {
        client.offer(event, (subscriber, dropped) -> {
            client.closeExceptionally(new IllegalStateException("an event stream client fell behind by more than its buffer"));
            return false;
        });
    }

    /** The clients held now (for tests). */
    synchronized int clientCount() {
        return clients.size();
    }

    @Override
    public String toString() {
        return "EventLog(kept " + kept + ")";
    }
}
