package dev.tether.gateway.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tether.api.error.ApiException;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class ContextFitterTest {
  /** One token per character of text, plus 100 for the system prompt and tools. */
  private static final ToIntFunction<MessagesRequest> COUNT = r -> 100 + r.messages().stream()
      .flatMap(m -> m.content().stream())
      .mapToInt(b -> switch (b) {
        case ContentBlock.Text t -> t.text().length();
        case ContentBlock.ToolUse u -> 10;
        case ContentBlock.ToolResult res -> res.content().stream()
            .mapToInt(c -> c instanceof ContentBlock.Text t ? t.text().length() : 0).sum();
        default -> 0;
      }).sum();

  private static MessagesRequest request(List<Message> messages, int maxTokens) {
    return new MessagesRequest("m", messages, List.of(new ContentBlock.Text("sys", null, null)), maxTokens,
        null, null, true, null, null, null, null, null, null, null);
  }

  private static Message toolCall(String id) {
    return new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse(id, "Bash",
        JsonNodeFactory.instance.objectNode().put("command", "ls"), null)));
  }

  private static Message toolResult(String id, int size) {
    return new Message(Role.USER, List.of(new ContentBlock.ToolResult(id,
        List.of(new ContentBlock.Text("r".repeat(size), null, null)), null, null)));
  }

  private static ContextFitter.Fitted fit(List<Message> messages, int context) {
    MessagesRequest request = request(messages, 1000);
    return ContextFitter.fit(request, context, COUNT.applyAsInt(request), COUNT);
  }

  @Test
  void aPromptThatFitsIsUntouchedButMaxTokensIsClampedToTheRoomLeft() {
    var fitted = fit(List.of(Message.user("hello")), 5000);
    assertThat(fitted.droppedMessages()).isZero();
    assertThat(fitted.request().messages()).containsExactly(Message.user("hello"));
    assertThat(fitted.request().maxTokens()).isEqualTo(1000);
    assertThat(fit(List.of(Message.user("hello")), 700).request().maxTokens()).isEqualTo(595);
  }

  @Test
  void theOldestWholeTurnsGoFirstAndTheNewestTurnStays() {
    List<Message> messages = List.of(
        Message.user("a".repeat(1000)), Message.assistant("b".repeat(1000)),
        Message.user("c".repeat(1000)), Message.assistant("d".repeat(1000)),
        Message.user("e".repeat(500)));
    var fitted = fit(messages, 3800);
    List<Message> kept = fitted.request().messages();
    assertThat(fitted.droppedMessages()).isEqualTo(2);
    assertThat(kept).hasSize(3);
    assertThat(kept.getFirst().role()).isEqualTo(Role.USER);
    assertThat(((ContentBlock.Text) kept.getFirst().content().getFirst()).text())
        .isEqualTo("[Tether: 2 earlier messages were removed to fit the model's context window.]");
    assertThat(kept.getLast()).isEqualTo(Message.user("e".repeat(500)));
    assertThat(fitted.request().system()).isEqualTo(request(messages, 1).system());
  }

  @Test
  void aLongAgenticTurnLosesItsOldestToolExchangesButKeepsItsPromptAndLatestExchange() {
    List<Message> messages = new ArrayList<>();
    messages.add(Message.user("fix the build"));
    for (int i = 0; i < 10; i++) {
      messages.add(toolCall("t" + i));
      messages.add(toolResult("t" + i, 500));
    }
    var fitted = fit(messages, 3000);
    List<Message> kept = fitted.request().messages();
    assertThat(kept.getFirst().content().getFirst()).isEqualTo(new ContentBlock.Text("fix the build", null, null));
    assertThat(kept.getFirst().content().getLast()).asString().contains("earlier messages were removed");
    assertThat(kept.get(1).role()).isEqualTo(Role.ASSISTANT);
    assertThat(kept.getLast()).isEqualTo(toolResult("t9", 500));
    assertThat(fitted.inputTokens()).isLessThanOrEqualTo(3000 - 1000);
    assertPairsIntact(kept);
  }

  @Test
  void whenEvenTheNewestTurnCannotFitTheAnswerIsPromptTooLong() {
    assertThatThrownBy(() -> fit(List.of(Message.user("x".repeat(5000))), 4000))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("prompt is too long: 5100 tokens > 4000 maximum");
  }

  @Test
  void whenNothingCanGoButThePromptStillFitsTheAnswerGetsTheRoomLeft() {
    var fitted = fit(List.of(Message.user("x".repeat(3500))), 4000);
    assertThat(fitted.request().maxTokens()).isEqualTo(400);
  }

  @Test
  void noPlanEverSeparatesAToolUseFromItsResult() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Message> messages = new ArrayList<>();
      int calls = 0;
      messages.add(Message.user("start"));
      for (int step = 0; step < 12; step++) {
        if (random.nextBoolean()) {
          String id = "t" + calls++;
          messages.add(toolCall(id));
          messages.add(toolResult(id, random.nextInt(50)));
        } else {
          messages.add(Message.assistant("ok"));
          messages.add(Message.user("next " + step));
        }
      }
      for (List<Message> plan : ContextFitter.plans(messages)) {
        assertThat(plan.getFirst().role()).isEqualTo(Role.USER);
        assertThat(plan.getLast().content()).endsWith(messages.getLast().content().toArray(ContentBlock[]::new));
        assertPairsIntact(plan);
      }
    }
  }

  private static void assertPairsIntact(List<Message> messages) {
    Set<String> uses = new HashSet<>();
    Set<String> results = new HashSet<>();
    for (Message m : messages) {
      for (ContentBlock b : m.content()) {
        if (b instanceof ContentBlock.ToolUse u) {
          uses.add(u.id());
        } else if (b instanceof ContentBlock.ToolResult r) {
          assertThat(uses).contains(r.toolUseId());
          results.add(r.toolUseId());
        }
      }
    }
    uses.removeAll(results);
    // A trailing tool call may await its result; no other call may lose it.
    assertThat(uses.size()).isLessThanOrEqualTo(1);
  }
}
