/**
 * The {@link dev.tether.gateway.backend.Backend} role: what every model source (embedded engine,
 * OpenAI-compatible upstream, Anthropic pass-through) offers to the HTTP layer. Must not import
 * Javalin or any backend implementation package.
 */
package dev.tether.gateway.backend;
