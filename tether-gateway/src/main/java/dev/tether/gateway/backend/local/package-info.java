/**
 * The embedded-engine backend: {@link dev.tether.gateway.backend.local.LocalBackend} serves one GGUF
 * model loaded by {@link dev.tether.engine.runtime.InferenceEngine}. {@link
 * dev.tether.gateway.backend.local.TemplateTurns} turns an Anthropic Messages request into the
 * messages and tools a model's chat template renders (the shape Hugging Face templates expect). Must
 * not import Javalin or another backend's package; the engine itself never sees Jackson or the API
 * records — this package translates at the border.
 */
package dev.tether.gateway.backend.local;
