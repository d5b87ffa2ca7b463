/**
 * The bridge's engine, not an API: the per-request {@code Exchange} (settling, completion, abort),
 * the blocking {@code ResponseWriter}, the non-blocking {@code PublisherWriter}, and the request body
 * publishers. Servlet types stay here and in {@link io.jetring.servlet.RingServlet}'s signature.
 */
package io.jetring.servlet.internal;
