/**
 * Recovers tool calls (and reasoning) that a model wrote as text, incrementally while it streams:
 * Hermes/Qwen {@code <tool_call>}, Qwen3-Coder {@code <function=…>}, Llama JSON, Mistral
 * {@code [TOOL_CALLS]}, gpt-oss harmony, Gemma {@code tool_code}. Used by the engine and by the
 * gateway's OpenAI backend when an upstream returns calls as text. JDK only.
 */
package dev.tether.engine.toolcall;
