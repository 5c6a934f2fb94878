package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.ChatJson.field;
import static dev.tether.gateway.chat.ChatJson.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads OpenAI message {@code content}: a string, or an array of typed parts. */
final class ChatContent {
  private ChatContent() {}

  /** User content: {@code text} and {@code image_url} parts. */
  static List<ContentBlock> user(JsonNode content, String where) {
    if (content == null || content.isTextual()) {
      return new ArrayList<>(text(content, where));
    }
    List<ContentBlock> blocks = new ArrayList<>();
    forEachPart(content, where, (part, type, at) -> {
      switch (type) {
        case "text" -> blocks.add(textPart(part, at, "text"));
        case "image_url" -> blocks.add(image(part, at));
        default -> throw unsupported(type, at, "text and image_url");
      }
    });
    return blocks;
  }

  /**
   * Content that may only be text (system, developer, assistant, tool). {@code refusal} parts are
   * text an assistant wrote, so they are kept as text too.
   */
  static List<ContentBlock.Text> text(JsonNode content, String where) {
    if (content == null) {
      return List.of();
    }
    if (content.isTextual()) {
      return List.of(new ContentBlock.Text(content.asText()));
    }
    List<ContentBlock.Text> blocks = new ArrayList<>();
    forEachPart(content, where, (part, type, at) -> {
      switch (type) {
        case "text" -> blocks.add(textPart(part, at, "text"));
        case "refusal" -> blocks.add(textPart(part, at, "refusal"));
        default -> throw unsupported(type, at, "text");
      }
    });
    return blocks;
  }

  private interface PartVisitor {
    void visit(JsonNode part, String type, String where);
  }

  private static void forEachPart(JsonNode content, String where, PartVisitor visitor) {
    if (!content.isArray()) {
      throw invalid(where + " must be a string or an array of content parts");
    }
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String at = where + "[" + i + "]";
      if (!part.isObject()) {
        throw invalid(at + " must be a content part object");
      }
      visitor.visit(part, ChatJson.requiredText(part, "type", at), at);
    }
  }

  private static ContentBlock.Text textPart(JsonNode part, String where, String field) {
    String text = ChatJson.optionalText(part, field, where);
    if (text == null) {
      throw invalid(where + "." + field + " is required");
    }
    return new ContentBlock.Text(text);
  }

  /**
   * An {@code image_url} part: a {@code data:} URL becomes an inline base64 image, an http(s) URL a
   * URL source. Some clients send {@code image_url} as a bare string rather than {@code {url}}.
   */
  private static ContentBlock.Image image(JsonNode part, String where) {
    JsonNode imageUrl = field(part, "image_url");
    String url = null;
    if (imageUrl != null && imageUrl.isTextual()) {
      url = imageUrl.asText();
    } else if (imageUrl != null && imageUrl.isObject()) {
      url = ChatJson.optionalText(imageUrl, "url", where + ".image_url");
    }
    if (url == null || url.isEmpty()) {
      throw invalid(where + ".image_url.url is required");
    }
    return new ContentBlock.Image(imageSource(url, where + ".image_url.url"), null);
  }

  private static ImageSource imageSource(String url, String where) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return ImageSource.url(url);
    }
    if (!lower.startsWith("data:")) {
      throw invalid(where + " must be an http(s) URL or a base64 data URL");
    }
    int comma = url.indexOf(',');
    String header = comma < 0 ? "" : url.substring("data:".length(), comma);
    if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
      throw invalid(where + " must be a base64 data URL (data:<media type>;base64,<data>)");
    }
    // The media type is what precedes any parameters (";charset=…") and the ";base64" marker.
    String mediaType = header.substring(0, header.indexOf(';')).trim();
    if (mediaType.isEmpty()) {
      throw invalid(where + " has no media type");
    }
    return ImageSource.base64(mediaType, url.substring(comma + 1));
  }

  private static RuntimeException unsupported(String type, String where, String allowed) {
    return invalid(where + " has type \"" + type + "\"; only " + allowed + " parts are supported here");
  }
}
