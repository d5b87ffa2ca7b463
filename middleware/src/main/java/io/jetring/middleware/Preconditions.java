package io.jetring.middleware;

import io.jetring.api.HttpDate;
import io.jetring.api.Request;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The conditional request headers of RFC 9110 section 13, evaluated in the order of section 13.2.2
 * against the validators of the representation a handler would send: shared by
 * {@link StaticFiles} and {@link ETags}.
 */
final class Preconditions {
    /** What the preconditions decide. */
    enum Outcome {
        /** Send the response as it is. */
        PROCEED,
        /** {@code 304 Not Modified}: the client's copy is current (GET and HEAD only). */
        NOT_MODIFIED,
        /** {@code 412 Precondition Failed}. */
        FAILED
    }

    private Preconditions() {
    }

    /**
     * Evaluates {@code If-Match}, {@code If-Unmodified-Since}, {@code If-None-Match} and
     * {@code If-Modified-Since} for a representation with these validators (each may be absent).
     */
    static Outcome evaluate(Request request, Optional<String> etag, Optional<Instant> lastModified) {
        boolean safe = request.method().equals("GET") || request.method().equals("HEAD");
        List<String> ifMatch = request.headers().all("If-Match");
        if (!ifMatch.isEmpty()) {
            if (!EntityTags.anyMatch(ifMatch, etag, true)) {
                return Outcome.FAILED;
            }
        } else {
            Optional<Instant> since = request.header("If-Unmodified-Since").flatMap(HttpDate::parse);
            if (since.isPresent() && lastModified.isPresent() && seconds(lastModified.get()) > seconds(since.get())) {
                return Outcome.FAILED;
            }
        }
        List<String> ifNoneMatch = request.headers().all("If-None-Match");
        if (!ifNoneMatch.isEmpty()) {
            if (EntityTags.anyMatch(ifNoneMatch, etag, false)) {
                return safe ? Outcome.NOT_MODIFIED : Outcome.FAILED;
            }
        } else if (safe) {
            Optional<Instant> since = request.header("If-Modified-Since").flatMap(HttpDate::parse);
            if (since.isPresent() && lastModified.isPresent() && seconds(lastModified.get()) <= seconds(since.get())) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a {@code Range} may be honoured: there is no {@code If-Range}, or it names this
     * representation by a strong entity tag, or by exactly its {@code Last-Modified} date
     * (RFC 9110 section 13.1.5).
     */
    static boolean ifRangeHolds(Request request, Optional<String> etag, Optional<Instant> lastModified) {
        Optional<String> ifRange = request.header("If-Range").map(String::trim);
        if (ifRange.isEmpty()) {
            return true;
        }
        String value = ifRange.get();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return EntityTags.anyMatch(List.of(value), etag, true);
        }
        Optional<Instant> date = HttpDate.parse(value);
        return date.isPresent() && lastModified.isPresent() && seconds(date.get()) == seconds(lastModified.get());
    }

    private static long seconds(Instant instant) {
        return instant.getEpochSecond();
    }
}
