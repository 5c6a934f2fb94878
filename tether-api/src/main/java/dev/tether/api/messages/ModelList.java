package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The {@code GET /v1/models} page. */
public record ModelList(
    List<ModelInfo> data,
    @JsonProperty("has_more") boolean hasMore,
    @JsonProperty("first_id") @JsonInclude(JsonInclude.Include.ALWAYS) String firstId,
    @JsonProperty("last_id") @JsonInclude(JsonInclude.Include.ALWAYS) String lastId) {}
