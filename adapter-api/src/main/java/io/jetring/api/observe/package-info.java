/**
 * What engines report about the exchanges they serve, in JDK types: the request log's
 * {@link io.jetring.api.observe.RequestLogEntry}, the {@link io.jetring.api.observe.ServerObserver}
 * that metrics build on, and the {@link io.jetring.api.observe.Health} checks a router mounts.
 */
package io.jetring.api.observe;
