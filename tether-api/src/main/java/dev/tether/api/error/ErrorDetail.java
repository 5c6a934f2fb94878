package dev.tether.api.error;

/** The {@code error} object: a type and a human-readable message. */
public record ErrorDetail(ErrorType type, String message) {}
