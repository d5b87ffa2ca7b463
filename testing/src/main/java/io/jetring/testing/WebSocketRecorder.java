package io.jetring.testing;

import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listener that records every event as a line ({@code open}, {@code text:hi}, {@code binary:<hex>},
 * {@code ping:<hex>}, {@code pong:<hex>}, {@code close:1000:reason}, {@code error:<SimpleName>}) for
 * tests to take in order, with a bounded wait. It also checks the listener rules as it goes and
 * records a {@code VIOLATION:} line when one is broken: an event before open or after close, two
 * calls at once.
 */
public class WebSocketRecorder implements WebSocketListener {
    /** How long {@link #next()} waits for an event. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicBoolean inCall = new AtomicBoolean();
    private volatile boolean open;
    private volatile boolean closed;
    private volatile Throwable error;

    /** A recorder for a plain (automatically demanding) listener. */
    public WebSocketRecorder() {
    }

    /** A recorder that demands messages itself: call {@code ws.request(n)}. */
    public static Demanding demanding() {
        return new Demanding();
    }

    /** A recorder that is a {@link WebSocketListener.Demanding} listener. */
    public static class Demanding extends WebSocketRecorder implements WebSocketListener.Demanding {
        /** A recorder for a listener that demands its messages itself; {@link #demanding()} makes one too. */
        public Demanding() {
        }
    }

    /** Records {@code event}, checking the rules. */
    protected void record(String event, boolean opening, boolean closing) {
        if (!inCall.compareAndSet(false, true)) {
            events.add("VIOLATION: concurrent call with " + event);
        }
        try {
            if (opening && open) {
                events.add("VIOLATION: second open");
            }
            if (!opening && !open) {
                events.add("VIOLATION: " + event + " before open");
            }
            if (closed) {
                events.add("VIOLATION: " + event + " after close");
            }
            open |= opening;
            closed |= closing;
            events.add(event);
        } finally {
            inCall.set(false);
        }
    }

    @Override
    public void onOpen(WebSocket ws) {
        record("open", true, false);
        opened.complete(ws);
    }

    @Override
    public void onText(WebSocket ws, String text) {
        record("text:" + text, false, false);
    }

    @Override
    public void onBinary(WebSocket ws, byte[] data) {
        record("binary:" + HexFormat.of().formatHex(data), false, false);
    }

    @Override
    public void onPing(WebSocket ws, byte[] payload) {
        record("ping:" + HexFormat.of().formatHex(payload), false, false);
    }

    @Override
    public void onPong(WebSocket ws, byte[] payload) {
        record("pong:" + HexFormat.of().formatHex(payload), false, false);
    }

    @Override
    public void onClose(WebSocket ws, int code, String reason) {
        record("close:" + code + ":" + reason, false, true);
        closeCode.complete(code);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        this.error = error;
        record("error:" + error.getClass().getSimpleName(), false, false);
    }

    /** The WebSocket, once open; fails the test if it does not open in time. */
    public WebSocket awaitOpen() throws Exception {
        return opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event, waiting up to {@link #WAIT}. */
    public String next() throws InterruptedException {
        String event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no WebSocket event within " + WAIT + "; seen so far: " + seen);
        }
        seen.add(event);
        return event;
    }

    /** Takes the next event and checks it is {@code expected}. */
    public void assertNext(String expected) throws InterruptedException {
        String event = next();
        if (!event.equals(expected)) {
            throw new AssertionError("expected WebSocket event <" + expected + "> but was <" + event + ">; seen: " + seen);
        }
    }

    /** Skips events until one starts with {@code prefix}, and returns it. */
    public String nextStartingWith(String prefix) throws InterruptedException {
        while (true) {
            String event = next();
            if (event.startsWith("VIOLATION")) {
                throw new AssertionError(event + "; seen: " + seen);
            }
            if (event.startsWith(prefix)) {
                return event;
            }
        }
    }

    /** The close code, waiting up to {@link #WAIT} for the close. */
    public int awaitCloseCode() throws Exception {
        return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks that no event arrives within {@code quiet} (for "exactly once" checks after a close). */
    public void assertNoMoreEvents(Duration quiet) throws InterruptedException {
        String event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (event != null) {
            throw new AssertionError("unexpected WebSocket event <" + event + ">; seen: " + seen);
        }
    }

    /** The error reported to {@code onError}, if any. */
    public Throwable error() {
        return error;
    }

    /** The events taken so far. */
    public List<String> seen() {
        return List.copyOf(seen);
    }
}
