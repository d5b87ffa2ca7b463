/**
 * For HTTP engines, not applications: {@link io.jetring.engine.Dispatch} runs a
 * {@link io.jetring.api.RingHandler} for one request the same way under {@code JetServer}, the
 * servlet bridge and the in-process client, and hands the outcome to the engine's
 * {@link io.jetring.engine.HandlerExchange}, which each engine builds on
 * {@link io.jetring.engine.EngineExchange} (settling once, the async timeout,
 * {@link io.jetring.engine.Failures}) and {@link io.jetring.engine.ResponseRules} (framing, through a
 * {@link io.jetring.engine.BodySink}).
 */
package io.jetring.engine;
