/**
 * The HTTP surface of {@code /v1}, {@code HEAD /} and {@code /health} on Javalin: auth, request ids,
 * SSE with keep-alive pings, Anthropic error bodies. Sees only {@link dev.tether.gateway.service} and
 * the {@code Backend} role, never a backend implementation.
 */
package dev.tether.gateway.http;
