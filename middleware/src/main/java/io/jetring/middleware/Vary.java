package io.jetring.middleware;

import io.jetring.api.Response;

/** The {@code Vary} header: middleware that makes a response depend on a request header says so. */
final class Vary {
    private Vary() {
    }

    /** {@code response} with {@code name} in {@code Vary}, unless it is there already or {@code Vary: *}. */
    static Response add(Response response, String name) {
        for (String value : response.headers().all("Vary")) {
            for (String member : value.split(",")) {
                String n = member.trim();
                if (n.equals("*") || n.equalsIgnoreCase(name)) {
                    return response;
                }
            }
        }
        return response.addHeader("Vary", name);
    }
}
