package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code POST /v1/messages/count_tokens} reply. */
public record CountTokensResponse(@JsonProperty("input_tokens") int inputTokens) {}
