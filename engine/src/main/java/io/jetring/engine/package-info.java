/**
 * For HTTP engines, not applications: {@link io.jetring.engine.Dispatch} runs a
 * {@link io.jetring.api.RingHandler} for one request the same way under {@code JetServer} and under
 * the servlet bridge, and hands the outcome to the engine's {@link io.jetring.engine.HandlerExchange}.
 */
package io.jetring.engine;
