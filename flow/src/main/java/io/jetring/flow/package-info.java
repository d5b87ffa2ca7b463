/**
 * jetring's Reactive Streams ({@link java.util.concurrent.Flow}) toolkit: what the API, the engines
 * and the middleware share to publish and consume bodies and messages, written once: overflow-safe
 * demand ({@link io.jetring.flow.Demand}), the small signals every publisher needs
 * ({@link io.jetring.flow.Signals}), a serial drain loop ({@link io.jetring.flow.DrainLoop}), a
 * single-subscriber pull publisher ({@link io.jetring.flow.PullPublisher}), a bounded aggregator
 * ({@link io.jetring.flow.BoundedBuffer}, {@link io.jetring.flow.BoundedAggregator}) and a serial
 * executor ({@link io.jetring.flow.SerialExecutor}).
 *
 * <p>Public for jetring's own modules, not for applications: it may change in any release.
 * Applications build bodies with {@code io.jetring.api.Publishers} and {@code Body}.
 */
package io.jetring.flow;
