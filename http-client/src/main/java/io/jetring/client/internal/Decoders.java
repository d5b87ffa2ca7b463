package io.jetring.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jetring.api.Headers;
import io.jetring.client.As;
import io.jetring.client.ClientException;
import io.jetring.client.ClientResponse;
import io.jetring.client.ResponseDecodeException;
import io.jetring.json.JsonMapping;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The decoders behind {@link As}'s factories, and the decoding step every transport runs. */
public final class Decoders {
    /**
     * The mapper used when the caller names none: the shared {@code JsonMapping.defaults()}, so the
     * client, the server side and the RPC codec read and write JSON alike (unknown properties ignored).
     */
    public static final ObjectMapper MAPPER = JsonMapping.defaults().mapper();

    private static final int PREVIEW_BYTES = 64;

    private Decoders() {
    }

    /** The body as text in the charset of its {@code Content-Type}, UTF-8 if none or unknown. */
    public static String string(ClientResponse<byte[]> response) {
        return new String(response.body(), charset(response.headers()).orElse(StandardCharsets.UTF_8));
    }

    /** The body as a JSON tree. */
    public static JsonNode jsonTree(ClientResponse<byte[]> response, ObjectMapper mapper) throws IOException {
        Optional<Charset> charset = nonUnicode(response.headers());
        return charset.isPresent() ? mapper.readTree(new String(response.body(), charset.get()))
                : mapper.readTree(response.body());
    }

    /** The body as JSON bound to {@code type}. */
    public static <T> T json(ClientResponse<byte[]> response, ObjectMapper mapper, JavaType type) throws IOException {
        if (response.body().length == 0) {
            throw new IOException("the body is empty");
        }
        Optional<Charset> charset = nonUnicode(response.headers());
        return charset.isPresent() ? mapper.readValue(new String(response.body(), charset.get()), type)
                : mapper.readValue(response.body(), type);
    }

    /**
     * Runs {@code as}'s decoder on a body read into memory. Any failure becomes a
     * {@link ResponseDecodeException} that shows the status, the content type and the first bytes.
     */
    public static <T> ClientResponse<T> decode(As.Aggregated<T> as, ClientResponse<byte[]> raw, String call) {
        try {
            return raw.withBody(as.decoder().decode(raw));
        } catch (ClientException e) {
            throw e;
        } catch (Exception e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new ResponseDecodeException(call + ": could not decode the body as " + as.description() + ": "
                    + firstLine(reason) + " (status " + raw.status() + ", Content-Type "
                    + raw.contentType().orElse("none") + ", " + preview(raw.body()) + ")",
                    raw.status(), raw.contentType(), e);
        }
    }

    /** The first bytes of {@code body}, as text, for messages. */
    static String preview(byte[] body) {
        if (body.length == 0) {
            return "empty body";
        }
        int n = Math.min(body.length, PREVIEW_BYTES);
        String text = new String(body, 0, n, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(body.length > n ? "body starts with \"" : "body \"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                default -> sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : c);
            }
        }
        return sb.append(body.length > n ? "…\"" : "\"").toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no reason given";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The {@code charset} parameter of {@code Content-Type}, if present and known. */
    static Optional<Charset> charset(Headers headers) {
        return headers.first("Content-Type").flatMap(type -> {
            for (String param : type.split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).trim().replace("\"", "");
                    try {
                        return Optional.of(Charset.forName(name));
                    } catch (IllegalArgumentException unknown) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** A declared charset that Jackson's own detection (UTF-8, 16, 32) would not get right. */
    private static Optional<Charset> nonUnicode(Headers headers) {
        return charset(headers).filter(c -> !c.name().toUpperCase(Locale.ROOT).startsWith("UTF-"));
    }
}
