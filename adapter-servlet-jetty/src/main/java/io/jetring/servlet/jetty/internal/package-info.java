/**
 * The Jetty {@code ee10} WebSocket engine of the servlet bridge, not an API: the upgrade filter that
 * hands accepted upgrades to Jetty's {@code JettyWebSocketServerContainer}. Jetty types stay here.
 */
package io.jetring.servlet.jetty.internal;
