/**
 * Ring-style middleware: plain {@code RingHandler -> RingHandler} functions over the handler
 * contract, with no engine types, so they behave the same under {@code JetServer}, a servlet
 * container and the in-process client. Each keeps the form of the handler it wraps (sync stays
 * sync, async stays async) and never blocks an I/O thread. See {@code docs/middleware.md}.
 */
package io.jetring.middleware;
