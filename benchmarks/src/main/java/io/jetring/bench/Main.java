package io.jetring.bench;

import java.util.Arrays;

/**
 * The benchmark jar's entry point.
 * <pre>
 *   java -jar jetring-benchmarks.jar server NAME PORT   # one of Servers.NAMES, until killed
 *   java -jar jetring-benchmarks.jar ws-load URI CONNECTIONS WINDOW SIZE WARMUP_S SECONDS
 *   java -jar jetring-benchmarks.jar client-load jetring|jetty|jdk URI CONCURRENCY WARMUP_S SECONDS
 *   java -jar jetring-benchmarks.jar rpc-load rpc|raw URI CONNECTIONS WINDOW SIZE WARMUP_S SECONDS
 *   java -jar jetring-benchmarks.jar jmh [JMH options]   # the JMH benchmarks
 * </pre>
 */
public final class Main {
    private Main() {
    }

    /** Dispatches on the first argument. */
    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "server" -> {
                if (rest.length != 2) {
                    throw new IllegalArgumentException("usage: server NAME PORT; NAME one of " + Servers.NAMES);
                }
                Servers.Running running = Servers.start(rest[0], Integer.parseInt(rest[1]));
                System.out.println("ready " + rest[0] + " on " + running.port());
                Thread.currentThread().join();
            }
            case "ws-load" -> WsLoad.main(rest);
            case "client-load" -> ClientLoad.main(rest);
            case "rpc-load" -> RpcLoad.main(rest);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> throw new IllegalArgumentException("command: \"" + command + "\" (expected: server, ws-load, client-load, rpc-load or jmh)");
        }
    }
}
