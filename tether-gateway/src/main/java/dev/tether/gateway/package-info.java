/**
 * The gateway: the Anthropic Messages API surface ({@code /v1/...}) in front of pluggable
 * {@link dev.tether.gateway.backend.Backend}s, with request normalisation and routing. The HTTP code
 * sees only {@code Backend}; each backend owns its own wire types.
 */
package dev.tether.gateway;
