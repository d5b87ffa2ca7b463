package io.jetring.middleware;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code Range} header (RFC 9110 section 14.2) over a representation of a known size: its byte
 * ranges, clamped to the size, sorted, with overlapping and adjacent ones merged.
 */
final class ByteRanges {
    /** Beyond this many ranges in one header, the header is ignored rather than parsed. */
    private static final int MAX_SPECS = 200;

    /** One satisfiable range, {@code first..last} inclusive. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }

        /** {@code bytes first-last/size}. */
        String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    /** What a {@code Range} header asks for. */
    sealed interface Parsed permits Ignore, Unsatisfiable, Satisfiable {
    }

    /** Not a byte range set this server reads: send the whole representation. */
    record Ignore() implements Parsed {
    }

    /** Well-formed, but no range overlaps the representation: {@code 416}. */
    record Unsatisfiable() implements Parsed {
    }

    /** These ranges, at least one. */
    record Satisfiable(List<Range> ranges) implements Parsed {
    }

    private ByteRanges() {
    }

    /** Reads {@code header} against a representation of {@code size} bytes. */
    static Parsed parse(String header, long size) {
        String value = header.trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Ignore();
        }
        String[] specs = value.substring(6).split(",", -1);
        if (specs.length > MAX_SPECS) {
            return new Ignore();
        }
        List<Range> ranges = new ArrayList<>();
        boolean any = false;
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) {
                continue;
            }
            any = true;
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new Ignore();
            }
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (from.isEmpty()) {
                long suffix = number(to);
                if (suffix < 0) {
                    return new Ignore();
                }
                if (suffix == 0 || size == 0) {
                    continue;
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = number(from);
                last = to.isEmpty() ? Long.MAX_VALUE : number(to);
                if (first < 0 || last < 0 || last < first) {
                    return new Ignore();
                }
                if (first >= size) {
                    continue;
                }
                last = Math.min(last, size - 1);
            }
            ranges.add(new Range(first, last));
        }
        if (!any) {
            return new Ignore();
        }
        if (ranges.isEmpty()) {
            return new Unsatisfiable();
        }
        return new Satisfiable(merge(ranges));
    }

    private static List<Range> merge(List<Range> ranges) {
        ranges.sort(Comparator.comparingLong(Range::first));
        List<Range> merged = new ArrayList<>();
        Range current = ranges.get(0);
        for (int i = 1; i < ranges.size(); i++) {
            Range next = ranges.get(i);
            if (next.first() <= current.last() + 1) {
                current = new Range(current.first(), Math.max(current.last(), next.last()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged;
    }

    /** A non-negative decimal, or -1 if {@code s} is not one (or overflows). */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
