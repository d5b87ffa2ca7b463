package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.Publishers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.SubmissionPublisher;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** The gzip encoder and decoder, and the compressing publisher, without a server. */
class GzipCodecTest {
    private static final byte[] TEXT = "hello gzip, ".repeat(500).getBytes(StandardCharsets.UTF_8);
    private final GzipEncoder.Pool pool = new GzipEncoder.Pool(6);

    @Test
    void chunksFlushedOneByOneMakeOneValidMember() throws Exception {
        GzipEncoder encoder = new GzipEncoder(pool);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < TEXT.length; i += 1000) {
            out.writeBytes(encoder.chunk(TEXT, i, Math.min(1000, TEXT.length - i), true, false));
        }
        out.writeBytes(encoder.chunk(new byte[0], 0, 0, false, true));
        encoder.release();
        assertThat(CompressionSuite.gunzip(out.toByteArray())).isEqualTo(new String(TEXT, StandardCharsets.UTF_8));
        assertThat(CompressionSuite.gunzip(GzipEncoder.compress(pool, TEXT, 0, TEXT.length)))
                .isEqualTo(new String(TEXT, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> encoder.chunk(TEXT, 0, 1, true, false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void decodesByteByByteAndSeveralMembers() throws Exception {
        byte[] one = CompressionSuite.gzip(TEXT);
        byte[] two = concat(one, CompressionSuite.gzip("!".getBytes(StandardCharsets.UTF_8)));
        GzipDecoder decoder = new GzipDecoder(DataSize.ofMebibytes(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : two) {
            out.writeBytes(decoder.feed(new byte[] {b}));
        }
        decoder.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(new String(TEXT, StandardCharsets.UTF_8) + "!");
    }

    @Test
    void readsOptionalHeaderFields() throws Exception {
        byte[] plain = CompressionSuite.gzip(TEXT);
        // The same member with FNAME ("a.txt\0") and FCOMMENT ("c\0") set.
        byte[] named = concat(concat(Arrays.copyOf(plain, 10), "a.txt\0c\0".getBytes(StandardCharsets.US_ASCII)),
                Arrays.copyOfRange(plain, 10, plain.length));
        named[3] = 8 | 16;
        GzipDecoder decoder = new GzipDecoder(DataSize.ofMebibytes(1));
        assertThat(decoder.feed(named)).isEqualTo(TEXT);
        decoder.finish();
    }

    @Test
    void refusesWhatIsNotGzipOrTooBig() throws Exception {
        assertThatThrownBy(() -> new GzipDecoder(DataSize.ofKibibytes(1)).feed("plain text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ZipException.class).hasMessageContaining("magic");
        byte[] bomb = CompressionSuite.gzip(new byte[10 * 1024 * 1024]);
        assertThatThrownBy(() -> new GzipDecoder(DataSize.ofKibibytes(64)).feed(bomb))
                .isInstanceOf(BodyTooLargeException.class);
        byte[] truncated = Arrays.copyOf(CompressionSuite.gzip(TEXT), 30);
        GzipDecoder decoder = new GzipDecoder(DataSize.ofMebibytes(1));
        decoder.feed(truncated);
        assertThatThrownBy(decoder::finish).isInstanceOf(ZipException.class);
        byte[] corrupt = CompressionSuite.gzip(TEXT);
        corrupt[corrupt.length - 5] ^= 1;
        assertThatThrownBy(() -> new GzipDecoder(DataSize.ofMebibytes(1)).feed(corrupt))
                .isInstanceOf(ZipException.class).hasMessageContaining("checksum");
    }

    @Test
    void thePublisherSendsOneChunkPerChunkAndTheTrailerOnDemand() throws Exception {
        EncodingPublisher gzip = new EncodingPublisher(Publishers.of("a".getBytes(StandardCharsets.UTF_8),
                "b".getBytes(StandardCharsets.UTF_8)), new ContentCoding.Gzip(6));
        Recorder recorder = new Recorder();
        gzip.subscribe(recorder);
        recorder.request(2);
        assertThat(recorder.items).hasSize(2);
        assertThat(recorder.completed).as("the trailer waits for demand").isFalse();
        recorder.request(1);
        assertThat(recorder.awaitDone()).isNull();
        assertThat(recorder.items).hasSize(3);
        assertThat(CompressionSuite.gunzip(recorder.joined())).isEqualTo("ab");
    }

    @Test
    void anEncoderThatFailsEndsTheStreamWithItsFailure() throws Exception {
        ContentCoding broken = new ContentCoding("zstd") {
            @Override
            byte[] compress(byte[] bytes) {
                throw new java.io.UncheckedIOException(new java.io.IOException("no native memory"));
            }

            @Override
            Encoder encoder() {
                return new Encoder() {
                    @Override
                    public byte[] chunk(byte[] bytes, int off, int len, boolean flush, boolean last) {
                        throw new java.io.UncheckedIOException(new java.io.IOException("no native memory"));
                    }

                    @Override
                    public void release() {
                    }
                };
            }
        };
        SubmissionPublisher<byte[]> source = new SubmissionPublisher<>(Runnable::run, 4);
        Recorder recorder = new Recorder();
        new EncodingPublisher(source, broken).subscribe(recorder);
        recorder.request(1);
        source.submit("a".getBytes(StandardCharsets.UTF_8));
        assertThat(recorder.awaitDone()).as("not a stream that hangs until the idle timeout")
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("no native memory");
        assertThat(source.getNumberOfSubscribers()).as("the source is cancelled").isZero();
    }

    @Test
    void cancellingTheCompressedStreamCancelsTheSource() throws Exception {
        SubmissionPublisher<byte[]> source = new SubmissionPublisher<>();
        Recorder recorder = new Recorder();
        new EncodingPublisher(source, new ContentCoding.Gzip(6)).subscribe(recorder);
        recorder.request(1);
        recorder.subscription.cancel();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (source.getNumberOfSubscribers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(source.getNumberOfSubscribers()).isZero();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
