package io.jetring.bench.jmh;

import io.jetring.rpc.RpcFrame;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** RPC framing: a request encoded and a reply decoded, per message, at two payload sizes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RpcFrameBench {
    @Param({"64", "4096"})
    public int size;

    private byte[] payload;
    private byte[] encodedReply;
    private long id;

    @Setup
    public void prepare() {
        payload = new byte[size];
        encodedReply = new RpcFrame.Reply(42, payload).encode();
    }

    @Benchmark
    public byte[] encodeRequest() {
        return new RpcFrame.Request(++id, payload).encode();
    }

    @Benchmark
    public RpcFrame decodeReply() {
        return RpcFrame.decode(encodedReply);
    }
}
