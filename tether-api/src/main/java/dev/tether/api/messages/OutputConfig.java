package dev.tether.api.messages;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code output_config}: {@code effort} (low|medium|high|max) and {@code format}, a structured-output
 * request such as {@code {"type":"json_schema","schema":{…}}}.
 */
public record OutputConfig(String effort, JsonNode format) {}
