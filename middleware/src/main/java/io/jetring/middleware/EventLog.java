package io.jetring.examples;

import io.jetring.middleware.ServerSentEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SubmissionPublisher;

/**
 * Events numbered 1, 2, 3… for Server-Sent Events: the newest {@code kept} are held, so a client that
 * reconnects with {@code Last-Event-ID} gets those it missed, then the new ones. Each client has a
 * buffer of its own; one that falls further behind than that is cut off, and reconnects to resume.
 */
final class EventLog {
    private final int kept;
    private final ArrayDeque<ServerSentEvent> recent = new ArrayDeque<>();
    private final List<SubmissionPublisher<ServerSentEvent>> clients = new ArrayList<>();
    private long lastId;

    EventLog(int kept) {
        this.kept = kept;
    }

    /** Sends an event of this type to every client and keeps it. */
    synchronized void publish(String type, String data) {
        ServerSentEvent event = ServerSentEvent.of(data).withEvent(type).withId(Long.toString(++lastId));
        recent.addLast(event);
        if (recent.size() > kept) {
            recent.removeFirst();
        }
        clients.removeIf(client -> client.isClosed() || !client.hasSubscribers());
        clients.forEach(client -> offer(client, event));
    }

    /** The events after {@code lastSeen} that are still kept, then every new one: one publisher per client. */
    Flow.Publisher<ServerSentEvent> after(long lastSeen) {
        return subscriber -> {
            SubmissionPublisher<ServerSentEvent> client = new SubmissionPublisher<>(ForkJoinPool.commonPool(), 2 * kept);
            client.subscribe(subscriber);
            synchronized (this) {
                recent.stream().filter(event -> Long.parseLong(event.id().orElseThrow()) > lastSeen)
                        .forEach(event -> offer(client, event));
                clients.add(client);
            }
        };
    }

    private static void offer(SubmissionPublisher<ServerSentEvent> client, ServerSentEvent event) {
        client.offer(event, (subscriber, dropped) -> {
            client.closeExceptionally(new IllegalStateException("a client fell behind by more than its buffer"));
            return false;
        });
    }
}
