/**
 * The embedded-engine backend. For now: {@link dev.tether.gateway.backend.local.TemplateTurns}, which
 * turns an Anthropic Messages request into the messages and tools a model's chat template renders
 * (the shape Hugging Face templates expect). Must not import Javalin or another backend's package;
 * the engine itself never sees Jackson or the API records — this package translates at the border.
 */
package dev.tether.gateway.backend.local;
