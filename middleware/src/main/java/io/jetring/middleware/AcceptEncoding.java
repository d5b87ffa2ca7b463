package io.jetring.middleware;

import io.jetring.api.Request;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Accept-Encoding} header (RFC 9110 section 12.5.3): the quality the client gives a
 * content coding, from its own entry, else from {@code *}. A coding with quality 0, or one not
 * named while there is no {@code *}, is not acceptable.
 */
final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /** The quality of {@code coding} (lower case) in {@code request}'s header, 0..1; 0 without the header. */
    static double quality(Request request, String coding) {
        List<String> fields = request.headers().all("Accept-Encoding");
        double star = -1;
        for (String field : fields) {
            for (String member : field.split(",")) {
                int semi = member.indexOf(';');
                String name = (semi < 0 ? member : member.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                double q = semi < 0 ? 1 : qvalue(member.substring(semi + 1));
                if (name.equals(coding) || (coding.equals("gzip") && name.equals("x-gzip"))) {
                    return q;
                }
                if (name.equals("*")) {
                    star = q;
                }
            }
        }
        return star < 0 ? 0 : star;
    }

    /** The {@code q} of a parameter list such as {@code q=0.5}; a weight that cannot be read is 0. */
    private static double qvalue(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
