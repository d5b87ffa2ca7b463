package io.jetring.middleware;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/** Deletes an upload's temporary files, now or when the response body that may read them ends. */
final class UploadCleanup {
    private UploadCleanup() {
    }

    /** Deletes each file that is still there; a file already moved away is skipped. */
    static void delete(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Nothing to answer: the file is left to the temporary directory's own cleanup.
                System.getLogger(Multipart.class.getName()).log(System.Logger.Level.WARNING,
                        "could not delete upload " + file + ": " + e);
            }
        }
    }

    /** A response stream that deletes the upload when the server closes it (end, failure, client gone). */
    static final class ClosingStream extends FilterInputStream {
        private final Multipart.Upload upload;
        private final AtomicBoolean closed = new AtomicBoolean();

        ClosingStream(InputStream in, Multipart.Upload upload) {
            super(in);
            this.upload = upload;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (closed.compareAndSet(false, true)) {
                    upload.delete();
                }
            }
        }
    }

    /** A response publisher that deletes the upload when it completes, fails or is cancelled. */
    static final class EndingPublisher implements Flow.Publisher<byte[]> {
        private final Flow.Publisher<byte[]> publisher;
        private final Multipart.Upload upload;
        private final AtomicBoolean ended = new AtomicBoolean();

        EndingPublisher(Flow.Publisher<byte[]> publisher, Multipart.Upload upload) {
            this.publisher = publisher;
            this.upload = upload;
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                upload.delete();
            }
        }

        @Override
        public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
            publisher.subscribe(new Flow.Subscriber<byte[]>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                            subscription.request(n);
                        }

                        @Override
                        public void cancel() {
                            subscription.cancel();
                            end();
                        }
                    });
                }

                @Override
                public void onNext(byte[] item) {
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    end();
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    end();
                    subscriber.onComplete();
                }
            });
        }
    }
}
