package io.jetring.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 section 5.6.7), as in {@code Last-Modified}, {@code If-Modified-Since},
 * {@code Expires} and cookie expiry: written in the preferred IMF-fixdate form
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), read in all three forms a recipient must accept.
 */
public final class HttpDate {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().appendPattern("EEE MMM ")
            .padNext(2).appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
            .appendPattern(" HH:mm:ss yyyy").toFormatter(Locale.US).withZone(ZoneOffset.UTC);

    /** The last second formatted, with its text: most responses in one second share a date. */
    private static volatile Cached last = new Cached(Long.MIN_VALUE, "");

    private HttpDate() {
    }

    /** {@code instant} as an IMF-fixdate, truncated to the second. */
    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        Cached cached = last;
        if (cached.second == second) {
            return cached.text;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(29).append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        two(sb, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw InvalidArgumentException.of("instant", instant, "a time in the years 0000..9999");
        }
        sb.append((char) ('0' + year / 1000)).append((char) ('0' + year / 100 % 10));
        two(sb, year % 100).append(' ');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond()).append(" GMT");
        String text = sb.toString();
        last = new Cached(second, text);
        return text;
    }

    /**
     * The instant {@code text} names, in any of the three forms (IMF-fixdate, RFC 850, asctime);
     * empty if it is none of them. A recipient ignores a date it cannot read (RFC 9110 section 13.1.3),
     * so this never throws.
     */
    public static Optional<Instant> parse(CharSequence text) {
        String s = text.toString().trim();
        for (DateTimeFormatter format : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
            try {
                return Optional.of(ZonedDateTime.parse(s, format).toInstant());
            } catch (DateTimeException e) {
                // Try the next form.
            }
        }
        return Optional.empty();
    }

    private static StringBuilder two(StringBuilder sb, int n) {
        return sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private record Cached(long second, String text) {
    }
}
