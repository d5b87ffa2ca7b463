package io.jetring.client.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import java.net.URI;

/**
 * One request of an in-process call: the first, or one a redirect led to.
 *
 * @param method  the method
 * @param uri     the absolute URI
 * @param headers the caller's headers, as they stand after any redirect rules
 * @param body    the body
 */
record InProcessHop(String method, URI uri, Headers headers, Body body) {
}
