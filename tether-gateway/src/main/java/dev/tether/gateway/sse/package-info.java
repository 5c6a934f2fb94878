/** Reading server-sent events from upstream servers (OpenAI-compatible and Anthropic streams). */
package dev.tether.gateway.sse;
