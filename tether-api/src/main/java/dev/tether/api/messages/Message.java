package dev.tether.api.messages;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/** One turn of the conversation; string content is read as a single text block. */
public record Message(
    Role role, @JsonDeserialize(using = ContentList.Reader.class) List<ContentBlock> content) {

  public static Message user(String text) {
    return new Message(Role.USER, List.of(new ContentBlock.Text(text)));
  }

  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, List.of(new ContentBlock.Text(text)));
  }
}
