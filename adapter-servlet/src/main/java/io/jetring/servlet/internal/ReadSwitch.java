package io.jetring.servlet.internal;

import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Stops and restarts a container's reading of one WebSocket connection, where the container offers
 * it outside the Jakarta API. Tomcat does (since 9.0.37 and 10.0): {@code WsSession.suspend()} stops
 * reading after the frame being processed, {@code resume()} starts it again; neither calls the
 * endpoint back on the calling thread. Found by name, so the bridge still depends on the Jakarta API
 * only; on any other container there is no switch.
 */
final class ReadSwitch {
    private static final String TOMCAT_SESSION = "org.apache.tomcat.websocket.WsSession";
    private static final MethodType CALL = MethodType.methodType(void.class, Session.class);

    /**
     * The methods of the last session class seen, looked up once (a container has one session
     * class). Not a {@code ClassValue}: that would keep this class, and the web application that
     * loaded it, reachable from the container's class after an undeploy.
     */
    private static volatile Methods last;

    private record Methods(Class<?> type, MethodHandle suspend, MethodHandle resume) {
    }

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
        Methods methods = last;
        if (methods == null || methods.type() != type) {
            methods = lookUp(type);
            if (methods == null) {
                return null;
            }
            last = methods;
        }
        return new ReadSwitch(session, methods.suspend(), methods.resume());
    }

    private static Methods lookUp(Class<?> type) {
        if (!type.getName().equals(TOMCAT_SESSION)) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodType noArgs = MethodType.methodType(void.class);
            return new Methods(type, lookup.findVirtual(type, "suspend", noArgs).asType(CALL),
                    lookup.findVirtual(type, "resume", noArgs).asType(CALL));
        } catch (ReflectiveOperationException e) {
            WebSocketUpgradeFilter.LOGGER.log(Level.DEBUG, "no read suspension in " + type.getName(), e);
            return null;
        }
    }

    /** Stops reading after the frame being processed. */
    void suspend() {
        call(suspend);
    }

    /** Starts reading again. */
    void resume() {
        call(resume);
    }

    private void call(MethodHandle method) {
        try {
            method.invokeExact(session);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
