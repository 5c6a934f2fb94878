/**
 * {@link dev.tether.control.ControlApi} over HTTP with {@code java.net.http}: what the CLI client and
 * {@code tether mcp} use to talk to a running server. Errors come back as the same
 * {@link dev.tether.control.ControlException}s the server threw.
 */
package dev.tether.control.client;
