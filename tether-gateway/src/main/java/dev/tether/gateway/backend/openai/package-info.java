/**
 * The OpenAI-compatible backend: translates Anthropic Messages requests into OpenAI
 * {@code /chat/completions} streams (llama.cpp, vLLM, Ollama, LM Studio, SGLang, …) and their chunks
 * back into Anthropic stream events, with a pool of upstreams (health checks, circuit breakers,
 * failover). Entry points: {@link dev.tether.gateway.backend.openai.OpenAiBackend} and
 * {@link dev.tether.gateway.backend.openai.OpenAiBackendConfig}.
 */
package dev.tether.gateway.backend.openai;
