package io.jetring.api.tck;

/**
 * The TCK's waits. The default is how long a signal that must come may take (generous: the machine
 * may be busy); the no-signal wait is how long the TCK watches for a signal that must not come, so a
 * busy machine can only hide a defect for that long, never fail a correct publisher.
 */
public final class TckTimeouts {
    public static final long DEFAULT_MILLIS = 2_000;
    public static final long NO_SIGNAL_MILLIS = 200;

    private TckTimeouts() {
    }
}
