package dev.tether.api.messages;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Content that the API accepts either as a plain string or as a list of blocks. */
final class ContentList {
  private ContentList() {}

  /** Reads a string as one text block, or a block array as is. */
  static final class Reader extends JsonDeserializer<List<ContentBlock>> {
    @Override
    public List<ContentBlock> deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return List.of(new ContentBlock.Text(p.getText()));
      }
      if (p.currentToken() != JsonToken.START_ARRAY) {
        return ctxt.reportInputMismatch(
            List.class, "content must be a string or an array of content blocks");
      }
      List<ContentBlock> blocks = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        blocks.add(ctxt.readValue(p, ContentBlock.class));
      }
      return List.copyOf(blocks);
    }

    @Override
    public List<ContentBlock> getNullValue(DeserializationContext ctxt) {
      return null;
    }
  }

  /** Reads a string as one text block, or an array of text blocks. */
  static final class TextReader extends JsonDeserializer<List<ContentBlock.Text>> {
    @Override
    public List<ContentBlock.Text> deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return List.of(new ContentBlock.Text(p.getText()));
      }
      if (p.currentToken() != JsonToken.START_ARRAY) {
        return ctxt.reportInputMismatch(
            List.class, "system must be a string or an array of text blocks");
      }
      List<ContentBlock.Text> blocks = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        ContentBlock block = ctxt.readValue(p, ContentBlock.class);
        if (!(block instanceof ContentBlock.Text text)) {
          return ctxt.reportInputMismatch(
              List.class, "system blocks must be of type text, got %s", block.type());
        }
        blocks.add(text);
      }
      return List.copyOf(blocks);
    }
  }
}
