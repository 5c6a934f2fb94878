package dev.tether.gateway.backend;

/**
 * A model a backend serves.
 *
 * @param id the name to request it by
 * @param displayName a human name
 * @param contextLength the context window in tokens, 0 when unknown
 */
public record BackendModel(String id, String displayName, int contextLength) {}
