package io.jetring.middleware;

import io.jetring.api.InvalidOptionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sessions sealed into the cookie itself with AES-GCM (the JDK's): encrypted, so the client cannot
 * read them, and authenticated, so it cannot change them. No state is kept on the server, so every
 * instance behind a load balancer that holds the keys shares the sessions.
 *
 * <p><b>Keys</b> are AES keys of 16, 24 or 32 bytes ({@link #generateKey()} makes one). The first key
 * of the list seals; every key of the list opens. To rotate, put a new key first and keep the old
 * one second until the cookies it sealed have expired; then drop it: its cookies no longer open.
 *
 * <p><b>Expiry</b>: a cookie opens for {@code maxAge} after it was sealed (the session's last
 * change; a session the handler does not change is not sealed again). A cookie that was tampered
 * with, truncated, sealed by a retired key, expired, or longer than 8 KiB reads as no session at all.
 *
 * <p><b>Limits</b>: the sealed data must fit a cookie (at most 4096 bytes with its name); a larger
 * session fails its write with an {@link IllegalStateException}. Invalidation expires the cookie in
 * the browser, but a copy of it stays valid until {@code maxAge}: a store that must revoke sessions
 * keeps them on the server.
 *
 * <p>The cookie is {@code base64url(key id (4 bytes) | nonce (12) | AES-GCM(sealed-at, entries) | tag (16))},
 * the key id being the start of the key's SHA-256, so a cookie names the key that opens it.
 */
public final class CookieSessionStore implements SessionStore {
    private static final byte[] AAD = "jetring-session-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_COOKIE_CHARS = 8192;

    private final List<SecretKey> keys;
    private final List<ByteBuffer> ids;
    private final Duration maxAge;
    private final Clock clock;

    private CookieSessionStore(List<byte[]> keys, Duration maxAge, Clock clock) {
        if (keys.isEmpty()) {
            throw InvalidOptionException.of("keys", "none", "at least one AES key of 16, 24 or 32 bytes");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw InvalidOptionException.of("maxAge", maxAge, "positive");
        }
        List<SecretKey> secretKeys = new ArrayList<>();
        List<ByteBuffer> keyIds = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw InvalidOptionException.of("keys[" + i + "]", key.length + " bytes", "an AES key of 16, 24 or 32 bytes");
            }
            secretKeys.add(new SecretKeySpec(key.clone(), "AES"));
            keyIds.add(ByteBuffer.wrap(keyId(key)));
        }
        this.keys = List.copyOf(secretKeys);
        this.ids = List.copyOf(keyIds);
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store with these keys (the first seals, all open) whose cookies open for 24 hours. */
    public static CookieSessionStore of(List<byte[]> keys) {
        return of(keys, Duration.ofHours(24));
    }

    /** A store with these keys whose cookies open for {@code maxAge} after they were sealed. */
    public static CookieSessionStore of(List<byte[]> keys, Duration maxAge) {
        return of(keys, maxAge, Clock.systemUTC());
    }

    /** A store with these keys, this expiry and this clock (for tests). */
    public static CookieSessionStore of(List<byte[]> keys, Duration maxAge, Clock clock) {
        return new CookieSessionStore(List.copyOf(keys), maxAge, clock);
    }

    /** A new random 256-bit AES key: keep it secret, and the same on every instance. */
    public static byte[] generateKey() {
        return SessionKeys.randomBytes(32);
    }

    @Override
    public Optional<Map<String, String>> read(String key) {
        if (key.length() > MAX_COOKIE_CHARS) {
            return Optional.empty();
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(key);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (sealed.length < ID_BYTES + NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        int index = ids.indexOf(ByteBuffer.wrap(sealed, 0, ID_BYTES).slice());
        if (index < 0) {
            return Optional.empty();
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.get(index), new GCMParameterSpec(TAG_BITS, sealed, ID_BYTES, NONCE_BYTES));
            cipher.updateAAD(AAD);
            plain = cipher.doFinal(sealed, ID_BYTES + NONCE_BYTES, sealed.length - ID_BYTES - NONCE_BYTES);
        } catch (GeneralSecurityException tamperedOrWrongKey) {
            return Optional.empty();
        }
        return decode(plain);
    }

    @Override
    public String write(Optional<String> key, Map<String, String> data) {
        byte[] plain = encode(data);
        byte[] nonce = SessionKeys.randomBytes(NONCE_BYTES);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(AAD);
            byte[] body = cipher.doFinal(plain);
            sealed = ByteBuffer.allocate(ID_BYTES + NONCE_BYTES + body.length).put(ids.get(0).duplicate())
                    .put(nonce).put(body).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("session: AES-GCM is not available", e);
        }
        String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        if (cookie.length() > SetCookie.MAX_BYTES - 64) {
            throw new IllegalStateException("session: " + cookie.length() + " bytes sealed (expected: at most "
                    + (SetCookie.MAX_BYTES - 64) + " to fit a cookie; keep ids in the session, not data, or use"
                    + " a store on the server)");
        }
        return cookie;
    }

    /** Nothing to do: the data lives in the cookie, which {@link Sessions} expires. */
    @Override
    public void delete(String key) {
    }

    private byte[] encode(Map<String, String> data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(clock.millis());
            out.writeInt(data.size());
            for (Map.Entry<String, String> entry : data.entrySet()) {
                writeString(out, entry.getKey());
                writeString(out, entry.getValue());
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    private Optional<Map<String, String>> decode(byte[] plain) {
        // Authenticated, so these bytes were written by encode with one of the keys: still, read defensively.
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            long sealedAt = in.readLong();
            long age = clock.millis() - sealedAt;
            if (age < 0 || age >= maxAge.toMillis()) {
                return Optional.empty();
            }
            int size = in.readInt();
            if (size < 0 || size > plain.length) {
                return Optional.empty();
            }
            Map<String, String> data = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                data.put(readString(in), readString(in));
            }
            return Optional.of(Map.copyOf(data));
        } catch (IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static byte[] keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("jetring-session-key".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(key);
            byte[] id = new byte[ID_BYTES];
            System.arraycopy(digest, 0, id, 0, ID_BYTES);
            return id;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "CookieSessionStore[keys=" + keys.size() + ", maxAge=" + maxAge + "]";
    }
}
