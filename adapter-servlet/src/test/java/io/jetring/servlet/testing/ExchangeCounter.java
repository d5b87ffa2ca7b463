package io.jetring.servlet.testing;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A filter in front of {@code RingServlet} that counts the exchanges still open: one is opened by
 * each request dispatch and closed when it really ends, that is when the dispatch returns without
 * async mode, when its async context completes (or fails), or when an async dispatch ends it. A
 * suite that leaves a count above zero has leaked an async context.
 */
public final class ExchangeCounter implements Filter {
    private static final String CLOSED = ExchangeCounter.class.getName() + ".closed";

    private final AtomicInteger open = new AtomicInteger();

    /** Exchanges opened and not yet ended. */
    public int open() {
        return open.get();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            open.incrementAndGet();
            request.setAttribute(CLOSED, new AtomicBoolean());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                // Still inside the dispatch that started it: listeners may be added now.
                request.getAsyncContext().addListener(new Closer(request));
            } else {
                close(request);
            }
        }
    }

    private void close(ServletRequest request) {
        if (request.getAttribute(CLOSED) instanceof AtomicBoolean closed && closed.compareAndSet(false, true)) {
            open.decrementAndGet();
        }
    }

    /** Ends the count with the async context; one dispatched onwards is ended by that dispatch instead. */
    private final class Closer implements AsyncListener {
        private final AtomicBoolean closed;

        Closer(ServletRequest request) {
            this.closed = (AtomicBoolean) request.getAttribute(CLOSED);
        }

        private void end() {
            if (closed != null && closed.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
