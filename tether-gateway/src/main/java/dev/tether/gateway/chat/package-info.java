/**
 * The OpenAI Chat Completions surface as pure translation: a {@code POST /v1/chat/completions} body
 * becomes a {@link dev.tether.api.messages.MessagesRequest} ({@link
 * dev.tether.gateway.chat.ChatRequestTranslator}), and the Anthropic reply comes back as a {@code
 * chat.completion} ({@link dev.tether.gateway.chat.ChatResponseTranslator}), a stream of {@code
 * chat.completion.chunk} SSE lines ({@link dev.tether.gateway.chat.ChatStreamTranslator}) or an
 * OpenAI-style error ({@link dev.tether.gateway.chat.ChatErrors}). Nothing here does HTTP; the route
 * that uses it lives elsewhere.
 */
package dev.tether.gateway.chat;
