package io.jetring.servlet.internal;

import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.System.Logger.Level;

/**
 * Stops and restarts a container's reading of one WebSocket connection, where the container offers
 * it outside the Jakarta API. Tomcat does (since 9.0.37 and 10.0): {@code WsSession.suspend()} stops
 * reading after the frame being processed, {@code resume()} starts it again; neither calls the
 * endpoint back on the calling thread. Found by name, so the bridge still depends on the Jakarta API
 * only; on any other container there is no switch.
 */
final class ReadSwitch {
    private static final String TOMCAT_SESSION = "org.apache.tomcat.websocket.WsSession";

    private final Session session;
    private final MethodHandle suspend;
    private final MethodHandle resume;

    private ReadSwitch(Session session, MethodHandle suspend, MethodHandle resume) {
        this.session = session;
        this.suspend = suspend;
        this.resume = resume;
    }

    /** The switch of {@code session}'s connection, or {@code null} if its container has none. */
    static ReadSwitch of(Session session) {
        Class<?> type = session.getClass();
        if (!type.getName().equals(TOMCAT_SESSION)) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodType noArgs = MethodType.methodType(void.class);
            return new ReadSwitch(session, lookup.findVirtual(type, "suspend", noArgs), lookup.findVirtual(type, "resume", noArgs));
        } catch (ReflectiveOperationException e) {
            WebSocketUpgradeFilter.LOGGER.log(Level.DEBUG, "no read suspension in " + type.getName(), e);
            return null;
        }
    }

    /** Stops reading after the frame being processed. */
    void suspend() {
        invoke(suspend);
    }

    /** Starts reading again. */
    void resume() {
        invoke(resume);
    }

    private void invoke(MethodHandle method) {
        try {
            method.invoke(session);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
