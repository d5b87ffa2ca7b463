package io.jetring.middleware;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, unguessable session ids and tokens: 256 bits from {@link SecureRandom}, base64url. */
final class SessionKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionKeys() {
    }

    /** A fresh 43-character id. */
    static String newId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    /** {@code n} random bytes. */
    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
