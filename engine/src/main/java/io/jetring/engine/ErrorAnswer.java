package io.jetring.engine;

import java.nio.charset.StandardCharsets;

/**
 * What an engine answers for a failure ({@code docs/SPEC.md} section 8), decided by {@link Failures}:
 * the status, the plain-text body, and how loudly to log it. Applications never use it.
 *
 * @param status the status code
 * @param text   the body text without its trailing newline: {@code <status> <reason>}, and for a
 *               {@code BadRequestException} its message
 * @param level  how the engine logs it
 * @param what   what the log line says happened (the engine adds the request)
 * @param cause  the failure, unwrapped; {@code null} for the async timeout
 */
public record ErrorAnswer(int status, String text, Level level, String what, Throwable cause) {
    /** The content type of every error body. */
    public static final String CONTENT_TYPE = "text/plain;charset=utf-8";

    /** How an engine logs an answer: once, at this level; with the stack trace at {@link #ERROR}. */
    public enum Level {
        /** The client's own fault, or nothing wrong: not worth an operator's attention. */
        DEBUG,
        /** The application was too slow: worth a line, not a stack trace. */
        WARN,
        /** The application failed: once, with the stack trace. */
        ERROR
    }

    /** The body as sent: the text, a newline, UTF-8. */
    public byte[] body() {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
