package io.jetring.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jetring.api.Body;
import io.jetring.api.QueryString;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a server saw of a request, as the {@link #HANDLER} reports it in JSON.
 *
 * @param method   the method
 * @param path     the path
 * @param query    the raw query string, or null
 * @param params   the decoded query parameters
 * @param form     the decoded form fields, if the body was a form
 * @param headers  the headers, names in lower case
 * @param body     the body as UTF-8 text
 * @param protocol the protocol the server saw
 */
record Echo(String method, String path, String query, Map<String, List<String>> params,
            Map<String, List<String>> form, Map<String, List<String>> headers, String body, String protocol) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Answers every request with its {@link Echo} as JSON. */
    static final RingHandler HANDLER = request -> {
        byte[] body = request.body().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        boolean isForm = request.contentType().orElse("").startsWith("application/x-www-form-urlencoded");
        Echo echo = new Echo(request.method(), request.path(), request.queryString().orElse(null),
                request.queryParams(), isForm ? QueryString.parse(text) : Map.of(), headers(request), text,
                request.protocol());
        return Response.ok(Body.of(MAPPER.writeValueAsBytes(echo))).withContentType("application/json");
    };

    /** Every value of header {@code name}. */
    List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        request.headers().forEach((name, value) ->
                map.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value));
        return map;
    }
}
