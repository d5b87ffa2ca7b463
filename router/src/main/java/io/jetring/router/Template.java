package io.jetring.router;

import io.jetring.api.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/** A parsed path template: its segments, each a literal, a parameter or the trailing rest. */
record Template(String text, List<Segment> segments) {

    /** One segment of a template. */
    record Segment(Kind kind, String value) {
    }

    enum Kind { LITERAL, PARAM, REST }

    static Template parse(String text) {
        if (text.isEmpty() || text.charAt(0) != '/') {
            throw error(text, 0, "a template starting with /");
        }
        List<Segment> segments = new ArrayList<>();
        if (text.equals("/")) {
            return new Template(text, List.of());
        }
        int pos = 1;
        while (pos <= text.length()) {
            int end = text.indexOf('/', pos);
            if (end < 0) {
                end = text.length();
            }
            String segment = text.substring(pos, end);
            if (segment.isEmpty()) {
                throw error(text, pos, "no empty segment (// or a trailing /)");
            }
            if (segment.charAt(0) == '{') {
                if (segment.charAt(segment.length() - 1) != '}') {
                    throw error(text, pos, "a parameter closed by } at the end of its segment");
                }
                boolean rest = segment.startsWith("{*");
                String name = segment.substring(rest ? 2 : 1, segment.length() - 1);
                if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                    throw error(text, pos, "a parameter name of letters, digits, _ or -");
                }
                for (Segment s : segments) {
                    if (s.kind() != Kind.LITERAL && s.value().equals(name)) {
                        throw error(text, pos, "parameter names used once ({" + name + "} repeats)");
                    }
                }
                if (rest && end != text.length()) {
                    throw error(text, pos, "{*" + name + "} as the last segment only");
                }
                segments.add(new Segment(rest ? Kind.REST : Kind.PARAM, name));
            } else {
                int brace = indexOfAny(segment, "{}");
                if (brace >= 0) {
                    throw error(text, pos + brace, "a parameter as a whole segment, such as /{id}");
                }
                segments.add(new Segment(Kind.LITERAL, segment));
            }
            pos = end + 1;
        }
        return new Template(text, List.copyOf(segments));
    }

    /** True iff some path matches both templates. */
    boolean overlaps(Template other) {
        return overlaps(segments, 0, other.segments, 0);
    }

    private static boolean overlaps(List<Segment> a, int i, List<Segment> b, int j) {
        boolean aRest = i < a.size() && a.get(i).kind() == Kind.REST;
        boolean bRest = j < b.size() && b.get(j).kind() == Kind.REST;
        if (aRest || bRest) {
            return true;
        }
        if (i == a.size() || j == b.size()) {
            return i == a.size() && j == b.size();
        }
        Segment x = a.get(i);
        Segment y = b.get(j);
        if (x.kind() == Kind.LITERAL && y.kind() == Kind.LITERAL && !x.value().equals(y.value())) {
            return false;
        }
        return overlaps(a, i + 1, b, j + 1);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidArgumentException error(String text, int position, String expected) {
        return InvalidArgumentException.of("template", "\"" + text + "\" at position " + position, expected);
    }
}
