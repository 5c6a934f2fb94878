/**
 * The {@code anthropic} pass-through backend: requests go to an Anthropic Messages API upstream
 * (api.anthropic.com or a compatible gateway) unchanged, and its event stream comes back event by
 * event. Uses only the JDK HTTP client.
 */
package dev.tether.gateway.backend.anthropic;
