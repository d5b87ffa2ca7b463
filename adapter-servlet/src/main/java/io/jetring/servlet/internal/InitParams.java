package io.jetring.servlet.internal;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.RingHandler;
import io.jetring.servlet.ServletOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link io.jetring.servlet.RingServlet}'s init parameters ({@code web.xml},
 * {@code @WebInitParam}, {@code ServletRegistration.setInitParameter}). Bad values fail with
 * {@link InvalidOptionException}, so a misconfigured servlet refuses to start instead of running
 * with a default nobody asked for.
 */
public final class InitParams {
    /** The class of the handler: a {@link RingHandler} or a {@code Supplier<RingHandler>}. */
    public static final String HANDLER = "jetring.handler";
    /** {@link ServletOptions#maxBodySize()}: {@code 65536}, {@code 64 KiB}, {@code 10MiB}. */
    public static final String MAX_BODY_SIZE = "jetring.maxBodySize";
    /** {@link ServletOptions#asyncTimeout()}: {@code 30s}, {@code 500ms}, {@code 2min} or ISO-8601 {@code PT30S}. */
    public static final String ASYNC_TIMEOUT = "jetring.asyncTimeout";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(bytes|b|kib|mib|gib)?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|h)");

    private InitParams() {
    }

    /** {@code base} with every option that {@code params} (name to value, or null) sets. */
    public static ServletOptions options(ServletOptions base, Function<String, String> params) {
        ServletOptions options = base;
        String size = params.apply(MAX_BODY_SIZE);
        if (size != null) {
            options = options.withMaxBodySize(parseSize(MAX_BODY_SIZE, size));
        }
        String timeout = params.apply(ASYNC_TIMEOUT);
        if (timeout != null) {
            options = options.withAsyncTimeout(parseDuration(ASYNC_TIMEOUT, timeout));
        }
        return options;
    }

    /** The handler named by {@link #HANDLER}, instantiated with its public no-argument constructor. */
    public static RingHandler handler(String className, ClassLoader loader) {
        String expected = "a class with a public no-argument constructor that implements RingHandler"
                + " or Supplier<RingHandler>";
        if (className == null || className.isBlank()) {
            throw InvalidOptionException.of(HANDLER, className == null ? "not set" : "\"" + className + "\"", expected);
        }
        Object instance;
        try {
            instance = Class.forName(className.strip(), true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            InvalidOptionException failure = InvalidOptionException.of(HANDLER, className, expected + "; " + e);
            failure.initCause(e);
            throw failure;
        }
        if (instance instanceof RingHandler handler) {
            return handler;
        }
        if (instance instanceof Supplier<?> supplier && supplier.get() instanceof RingHandler handler) {
            return handler;
        }
        throw InvalidOptionException.of(HANDLER, className, expected);
    }

    static DataSize parseSize(String name, String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw InvalidOptionException.of(name, "\"" + text + "\"", "a size such as 65536, 64 KiB or 10 MiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "bytes" : m.group(2);
        try {
            return switch (unit) {
                case "kib" -> DataSize.ofKibibytes(n);
                case "mib" -> DataSize.ofMebibytes(n);
                case "gib" -> DataSize.ofBytes(Math.multiplyExact(n, 1024L * 1024 * 1024));
                default -> DataSize.ofBytes(n);
            };
        } catch (ArithmeticException e) {
            throw InvalidOptionException.of(name, "\"" + text + "\"", "a size that fits in 63 bits");
        }
    }

    static Duration parseDuration(String name, String text) {
        String value = text.strip();
        if (value.regionMatches(true, 0, "PT", 0, 2)) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                // reported below with the common message
            }
        }
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw InvalidOptionException.of(name, "\"" + text + "\"", "a duration such as 30s, 500ms, 2min or PT30S");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "min" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
