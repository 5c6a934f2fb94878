package dev.tether.gateway.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.api.error.ApiException;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.ImageSource;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Role;
import dev.tether.api.messages.ThinkingConfig;
import dev.tether.api.messages.Tool;
import dev.tether.gateway.backend.ModelTraits;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestNormalizerTest {
  private final RequestNormalizer normalizer = new RequestNormalizer(r -> 100, 0);
  private static final ModelTraits PLAIN = new ModelTraits(0, false, false, 64);

  private static MessagesRequest request(List<Message> messages) {
    return new MessagesRequest("m", messages, List.of(new ContentBlock.Text("x-anthropic-billing-header: cc_version=1; cc_entrypoint=cli;"),
        new ContentBlock.Text("You are helpful.")), 1000, null, null, true, null, null, null, null, null,
        new ThinkingConfig("adaptive", null), null);
  }

  @Test
  void emptyAndWhitespaceTextBlocksAndEmptyMessagesAreDropped() {
    var result = normalizer.normalize(request(List.of(
        new Message(Role.USER, List.of(new ContentBlock.Text("hi"), new ContentBlock.Text(" \n"))),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.Text(""))),
        new Message(Role.USER, List.of(new ContentBlock.Text("again"))))), PLAIN, true);
    assertThat(result.request().messages()).hasSize(2);
    assertThat(result.request().messages().getFirst().content()).containsExactly(new ContentBlock.Text("hi"));
  }

  @Test
  void theBillingHeaderLeavesTheSystemPrompt() {
    var result = normalizer.normalize(request(List.of(Message.user("hi"))), PLAIN, true);
    assertThat(result.request().systemText()).isEqualTo("You are helpful.");
  }

  @Test
  void theBillingLineIsCutFromABlockThatHoldsMore() {
    assertThat(RequestNormalizer.stripBillingHeader(List.of(new ContentBlock.Text("x-anthropic-billing-header: a=b;\nKeep me."))))
        .containsExactly(new ContentBlock.Text("Keep me."));
  }

  @Test
  void imagesLeaveToolResultsForBackendsThatCannotTakeThem() {
    var image = new ContentBlock.Image(ImageSource.base64("image/png", "AAAA"), null);
    var result = normalizer.normalize(request(List.of(new Message(Role.USER, List.of(
        new ContentBlock.ToolResult("toolu_1", List.of(new ContentBlock.Text("shot"), image), null, null))))), PLAIN, true);
    var content = result.request().messages().getFirst().content();
    assertThat(content).hasSize(2);
    assertThat(((ContentBlock.ToolResult) content.getFirst()).content()).containsExactly(
        new ContentBlock.Text("shot"), new ContentBlock.Text("[image 1 attached below]"));
    assertThat(content.get(1)).isEqualTo(image);
  }

  @Test
  void imagesStayInToolResultsWhenTheBackendTakesThem() {
    var image = new ContentBlock.Image(ImageSource.base64("image/png", "AAAA"), null);
    var result = normalizer.normalize(request(List.of(new Message(Role.USER, List.of(
        new ContentBlock.ToolResult("toolu_1", List.of(image), null, null))))), new ModelTraits(0, false, true, 64), true);
    assertThat(result.request().messages().getFirst().content()).hasSize(1);
  }

  @Test
  void thinkingIsDroppedOnlyForModelsThatCannotThink() {
    assertThat(normalizer.normalize(request(List.of(Message.user("hi"))), PLAIN, true).request().thinking()).isNull();
    assertThat(normalizer.normalize(request(List.of(Message.user("hi"))), new ModelTraits(0, true, false, 64), true)
        .request().thinking()).isNotNull();
  }

  @Test
  void longToolNamesAreShortenedConsistentlyAndMappedBack() {
    String longName = "mcp__server__" + "x".repeat(80);
    MessagesRequest withTools = request(List.of(
        Message.user("go"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("toolu_1", longName, Json.object()))),
        new Message(Role.USER, List.of(new ContentBlock.ToolResult("toolu_1", List.of(new ContentBlock.Text("ok")), null, null)))))
        .withTools(List.of(new Tool(longName, "d", Json.object()), new Tool("Bash", "d", Json.object())));
    var result = normalizer.normalize(withTools, PLAIN, true);
    String shortName = result.request().tools().getFirst().name();
    assertThat(shortName).hasSize(64).startsWith("mcp__server__");
    assertThat(((ContentBlock.ToolUse) result.request().messages().get(1).content().getFirst()).name()).isEqualTo(shortName);
    assertThat(result.toolNames().original(shortName)).isEqualTo(longName);
    assertThat(result.request().tools().get(1).name()).isEqualTo("Bash");
  }

  @Test
  void maxTokensIsClampedToTheRoomLeft() {
    var result = normalizer.normalize(request(List.of(Message.user("hi"))), new ModelTraits(600, false, false, 64), true);
    assertThat(result.request().maxTokens()).isEqualTo(500);
  }

  @Test
  void aPromptLargerThanTheContextIsRejected() {
    assertThatThrownBy(() -> normalizer.normalize(request(List.of(Message.user("hi"))), new ModelTraits(100, false, false, 64), true))
        .isInstanceOf(ApiException.class).hasMessageStartingWith("prompt is too long: 100 tokens > 100 maximum");
  }

  @Test
  void passThroughOnlyDropsEmptyText() {
    MessagesRequest fixed = RequestNormalizer.normalizePassThrough(request(List.of(
        new Message(Role.USER, List.of(new ContentBlock.Text(""), new ContentBlock.Text("hi"))))));
    assertThat(fixed.messages().getFirst().content()).containsExactly(new ContentBlock.Text("hi"));
    assertThat(fixed.systemText()).startsWith("x-anthropic-billing-header");
    assertThat(fixed.thinking()).isNotNull();
  }
}
