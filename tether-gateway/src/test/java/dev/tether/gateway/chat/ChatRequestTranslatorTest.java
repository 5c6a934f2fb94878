package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.ImageSource;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.OutputConfig;
import dev.tether.api.messages.Role;
import dev.tether.api.messages.ThinkingConfig;
import dev.tether.api.messages.Tool;
import dev.tether.api.messages.ToolChoice;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTranslatorTest {

  private static MessagesRequest translate(String body) {
    return ChatRequestTranslator.toMessagesRequest(json(body));
  }

  @Test
  void aPlainChatBecomesOneUserTurnWithTheDefaultMaxTokens() {
    MessagesRequest request = translate("""
        {"model":"qwen3","messages":[{"role":"user","content":"Hello"}]}""");

    assertThat(request.model()).isEqualTo("qwen3");
    assertThat(request.messages()).containsExactly(Message.user("Hello"));
    assertThat(request.system()).isEmpty();
    assertThat(request.maxTokens()).isEqualTo(ChatRequestTranslator.DEFAULT_MAX_TOKENS);
    assertThat(request.stream()).isNull();
    assertThat(request.tools()).isEmpty();
    assertThat(request.toolChoice()).isNull();
    assertThat(request.thinking()).isNull();
    assertThat(request.outputConfig()).isNull();
  }

  @Test
  void leadingSystemAndDeveloperMessagesBecomeTheSystemPrompt() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[
          {"role":"system","content":"You are terse."},
          {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
          {"role":"user","content":"Hi"}]}""");

    assertThat(request.system())
        .containsExactly(new ContentBlock.Text("You are terse."), new ContentBlock.Text("Answer in French."));
    assertThat(request.systemText()).isEqualTo("You are terse.\n\nAnswer in French.");
    assertThat(request.messages()).containsExactly(Message.user("Hi"));
  }

  @Test
  void aSystemMessageMidConversationStaysInPlace() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[
          {"role":"user","content":"Hi"},
          {"role":"assistant","content":"Hello!"},
          {"role":"system","content":"Now be formal."},
          {"role":"user","content":"How are you?"}]}""");

    assertThat(request.system()).isEmpty();
    assertThat(request.messages()).containsExactly(
        Message.user("Hi"),
        Message.assistant("Hello!"),
        new Message(Role.SYSTEM, List.of(new ContentBlock.Text("Now be formal."))),
        Message.user("How are you?"));
  }

  @Test
  void imagePartsBecomeBase64OrUrlSources() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[{"role":"user","content":[
          {"type":"text","text":"Compare these"},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}},
          {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}""");

    assertThat(request.messages()).singleElement().satisfies(m -> {
      assertThat(m.role()).isEqualTo(Role.USER);
      assertThat(m.content()).containsExactly(
          new ContentBlock.Text("Compare these"),
          new ContentBlock.Image(ImageSource.base64("image/png", "iVBORw0KGgo="), null),
          new ContentBlock.Image(ImageSource.url("https://example.com/cat.jpg"), null));
    });
  }

  @Test
  void aFullToolRoundTripWithParallelCallsBecomesToolUseAndGroupedToolResults() {
    MessagesRequest request = translate("""
        {"model":"m",
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
           "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
         "messages":[
          {"role":"user","content":"Weather in Paris and Oslo?"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
            {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"18C sunny"},
          {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"4C rain"}]},
          {"role":"user","content":"Thanks, which is warmer?"}]}""");

    assertThat(request.tools()).containsExactly(new Tool("get_weather", "Weather now", json("""
        {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")));
    assertThat(request.messages()).containsExactly(
        Message.user("Weather in Paris and Oslo?"),
        new Message(Role.ASSISTANT, List.of(
            new ContentBlock.ToolUse("call_1", "get_weather", json("{\"city\":\"Paris\"}")),
            new ContentBlock.ToolUse("call_2", "get_weather", json("{\"city\":\"Oslo\"}")))),
        new Message(Role.USER, List.of(
            new ContentBlock.ToolResult("call_1", List.of(new ContentBlock.Text("18C sunny")), null, null),
            new ContentBlock.ToolResult("call_2", List.of(new ContentBlock.Text("4C rain")), null, null),
            new ContentBlock.Text("Thanks, which is warmer?"))));
  }

  @Test
  void anAssistantTurnKeepsReasoningThenTextThenToolCalls() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[
          {"role":"user","content":"List files"},
          {"role":"assistant","reasoning_content":"I should call ls.","content":"Let me look.",
           "tool_calls":[{"id":"c1","type":"function","function":{"name":"ls","arguments":""}}]},
          {"role":"tool","tool_call_id":"c1","content":"a.txt"}]}""");

    assertThat(request.messages().get(1).content()).containsExactly(
        new ContentBlock.Thinking("I should call ls.", null),
        new ContentBlock.Text("Let me look."),
        new ContentBlock.ToolUse("c1", "ls", json("{}")));
  }

  @Test
  void userContentBeforeToolResultsInOneTurnIsMovedBehindThem() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[
          {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"ls","arguments":"{}"}}]},
          {"role":"user","content":"(by the way)"},
          {"role":"tool","tool_call_id":"c1","content":"a.txt"}]}""");

    assertThat(request.messages().get(1).content()).containsExactly(
        new ContentBlock.ToolResult("c1", List.of(new ContentBlock.Text("a.txt")), null, null),
        new ContentBlock.Text("(by the way)"));
  }

  @Test
  void adjacentTurnsOfOneRoleMergeAndEmptyTextIsDropped() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[
          {"role":"user","content":"one"},
          {"role":"user","content":[{"type":"text","text":""},{"type":"text","text":"two"}]},
          {"role":"assistant","content":""},
          {"role":"user","content":"three"}]}""");

    assertThat(request.messages()).containsExactly(new Message(Role.USER, List.of(
        new ContentBlock.Text("one"), new ContentBlock.Text("two"), new ContentBlock.Text("three"))));
  }

  @Test
  void legacyFunctionsAndFunctionMessagesBecomeToolsAndPairedResults() {
    MessagesRequest request = translate("""
        {"model":"m",
         "functions":[{"name":"now","description":"The time"}],
         "function_call":{"name":"now"},
         "messages":[
          {"role":"user","content":"Time?"},
          {"role":"assistant","content":null,"function_call":{"name":"now","arguments":"{}"}},
          {"role":"function","name":"now","content":"12:00"}]}""");

    assertThat(request.tools()).containsExactly(
        new Tool("now", "The time", json("{\"type\":\"object\",\"properties\":{}}")));
    assertThat(request.toolChoice()).isEqualTo(new ToolChoice.Named("now", null));
    ContentBlock.ToolUse call = (ContentBlock.ToolUse) request.messages().get(1).content().getFirst();
    assertThat(call.name()).isEqualTo("now");
    assertThat(request.messages().get(2).content()).containsExactly(
        new ContentBlock.ToolResult(call.id(), List.of(new ContentBlock.Text("12:00")), null, null));
  }

  @Test
  void toolChoiceFormsMapToAutoNoneAnyAndNamed() {
    String tools = """
        "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]""";
    assertThat(translate("{\"model\":\"m\"," + tools + ",\"tool_choice\":\"auto\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").toolChoice())
        .isEqualTo(new ToolChoice.Auto(null));
    assertThat(translate("{\"model\":\"m\"," + tools + ",\"tool_choice\":\"none\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").toolChoice())
        .isEqualTo(new ToolChoice.None());
    assertThat(translate("{\"model\":\"m\"," + tools + ",\"tool_choice\":\"required\","
        + "\"parallel_tool_calls\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
        .toolChoice())
        .isEqualTo(new ToolChoice.Any(true));
    assertThat(translate("{\"model\":\"m\"," + tools
        + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").toolChoice())
        .isEqualTo(new ToolChoice.Named("f", null));
  }

  @Test
  void parallelToolCallsFalseAloneDisablesParallelUseUnderAuto() {
    MessagesRequest request = translate("""
        {"model":"m","parallel_tool_calls":false,
         "tools":[{"type":"function","function":{"name":"f"}}],
         "messages":[{"role":"user","content":"x"}]}""");

    assertThat(request.toolChoice()).isEqualTo(new ToolChoice.Auto(true));
  }

  @Test
  void samplingLimitsAndStopSequencesCarryOver() {
    MessagesRequest request = translate("""
        {"model":"m","max_completion_tokens":300,"max_tokens":50,"temperature":0.2,"top_p":0.9,
         "top_k":40,"stop":["END","###"],"stream":true,"user":"u-42","seed":7,"logprobs":false,
         "messages":[{"role":"user","content":"x"}]}""");

    assertThat(request.maxTokens()).isEqualTo(300);
    assertThat(request.temperature()).isEqualTo(0.2);
    assertThat(request.topP()).isEqualTo(0.9);
    assertThat(request.topK()).isEqualTo(40);
    assertThat(request.stopSequences()).containsExactly("END", "###");
    assertThat(request.streaming()).isTrue();
    assertThat(request.metadata()).isEqualTo(json("{\"user_id\":\"u-42\"}"));
  }

  @Test
  void aSingleStopStringAndLegacyMaxTokensAreAccepted() {
    MessagesRequest request = translate("""
        {"model":"m","max_tokens":64,"stop":"\\n\\n","messages":[{"role":"user","content":"x"}]}""");

    assertThat(request.maxTokens()).isEqualTo(64);
    assertThat(request.stopSequences()).containsExactly("\n\n");
  }

  @Test
  void aJsonSchemaResponseFormatBecomesAnOutputFormat() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[{"role":"user","content":"x"}],
         "response_format":{"type":"json_schema","json_schema":{"name":"answer","strict":true,
           "schema":{"type":"object","properties":{"a":{"type":"integer"}}}}}}""");

    assertThat(request.outputConfig()).isEqualTo(new OutputConfig(null, json("""
        {"type":"json_schema","schema":{"type":"object","properties":{"a":{"type":"integer"}}}}""")));
  }

  @Test
  void aJsonObjectResponseFormatAsksForAnyObject() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}""");

    assertThat(request.outputConfig()).isEqualTo(
        new OutputConfig(null, json("{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}")));
  }

  @Test
  void aTextResponseFormatAsksForNothing() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"text"}}""");

    assertThat(request.outputConfig()).isNull();
  }

  @Test
  void reasoningEffortTurnsOnAdaptiveThinkingWithThatEffort() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[{"role":"user","content":"x"}],"reasoning_effort":"minimal",
         "response_format":{"type":"json_object"}}""");

    assertThat(request.thinking()).isEqualTo(new ThinkingConfig("adaptive", null));
    assertThat(request.outputConfig().effort()).isEqualTo("low");
    assertThat(request.outputConfig().format()).isNotNull();
  }

  @Test
  void reasoningEffortNoneTurnsThinkingOff() {
    MessagesRequest request = translate("""
        {"model":"m","messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"}""");

    assertThat(request.thinking()).isEqualTo(new ThinkingConfig("disabled", null));
    assertThat(request.outputConfig()).isNull();
  }
}
