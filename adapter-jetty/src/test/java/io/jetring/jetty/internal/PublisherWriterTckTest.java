package io.jetring.jetty.internal;

import java.lang.reflect.Proxy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against the subscriber that writes a {@code JetServer} response body
 * ({@link PublisherWriter}), over a Jetty response whose writes complete a moment later on a
 * network thread, as a socket's do.
 */
public class PublisherWriterTckTest extends FlowSubscriberBlackboxVerification<byte[]> {
    private final ExecutorService network = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tck-network");
        thread.setDaemon(true);
        return thread;
    });

    public PublisherWriterTckTest() {
        super(new TestEnvironment(2_000, 200));
    }

    @AfterClass
    public void stopNetwork() {
        network.shutdownNow();
    }

    @Override
    public Flow.Subscriber<byte[]> createFlowSubscriber() {
        Request request = fake(Request.class, (method, args) -> switch (method) {
            case "getMethod" -> "GET";
            case "getHttpURI" -> HttpURI.from("/tck");
            default -> null;
        });
        Response response = fake(Response.class, (method, args) -> {
            if (method.equals("write")) {
                Callback callback = (Callback) args[2];
                network.execute(callback::succeeded);
            }
            return null;
        });
        return new PublisherWriter(request, response, Callback.NOOP);
    }

    @Override
    public byte[] createElement(int element) {
        return new byte[] {(byte) element, 1};
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    /** A proxy that answers as {@code answer} says, and false, 0 or null otherwise. */
    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result = answer.answer(method.getName(), args);
            if (result != null || !method.getReturnType().isPrimitive()) {
                return result;
            }
            Class<?> r = method.getReturnType();
            if (r == boolean.class) {
                return false;
            }
            if (r == void.class) {
                return null;
            }
            if (r == long.class) {
                return 0L;
            }
            return 0;
        }));
    }

}
