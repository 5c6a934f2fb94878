package dev.tether.gateway.backend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.engine.template.ChatTemplate;
import dev.tether.engine.template.Conversation;
import dev.tether.engine.template.SpecialTokens;
import dev.tether.engine.template.TemplateException;
import dev.tether.engine.template.Value;
import dev.tether.engine.template.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTurnsTest {
  /** The engine's copy of the chat-template corpus (tests run in the module directory). */
  private static final Path CORPUS = Path.of("../tether-engine/src/test/resources/chat-templates");
  private static final Clock CORPUS_CLOCK =
      Clock.fixed(LocalDateTime.of(2025, 1, 15, 12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  private static MessagesRequest request(String json) throws IOException {
    return Json.MAPPER.readValue(json, MessagesRequest.class);
  }

  private static String repr(List<Value> values) {
    return Values.repr(Value.list(values));
  }

  /**
   * Each resource holds the Anthropic form of a corpus conversation: mapped to turns, it must render
   * exactly the corpus's expected prompt (or error) with every template that has one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"02_system_user", "03_multi_turn", "04_tools_available", "05_tool_call_roundtrip",
      "06_parallel_tool_calls", "09_reasoning", "10_assistant_last_no_prompt"})
  void rendersTheCorpusConversationsExactlyWithEveryTemplate(String fixture) throws IOException {
    assertThat(CORPUS).as("the corpus in tether-engine's test resources").isDirectory();
    MessagesRequest request = request(Files.readString(
        Path.of("src/test/resources/template-turns/" + fixture + ".json")));
    Value.Dict tokens = (Value.Dict) Values.parseJson(Files.readString(CORPUS.resolve("tokens.json")));
    int checked = 0;
    try (Stream<Path> dirs = Files.list(CORPUS.resolve("expected"))) {
      for (Path dir : dirs.sorted().toList()) {
        String template = dir.getFileName().toString();
        String source = Files.readString(CORPUS.resolve("templates/" + template + ".jinja"));
        Conversation conversation = TemplateTurns.conversation(request, TemplateTurns.Options.forTemplate(source));
        Value.Dict special = (Value.Dict) tokens.map().get(Value.str(template + ".jinja"));
        SpecialTokens specialTokens = new SpecialTokens(text(special, "bos_token"), text(special, "eos_token"));
        Path expectedText = dir.resolve(fixture + ".txt");
        String actual;
        try {
          actual = ChatTemplate.parse(source).render(conversation, specialTokens, CORPUS_CLOCK);
        } catch (TemplateException e) {
          actual = e.describe();
        }
        String expected = Files.exists(expectedText) ? Files.readString(expectedText)
            : Files.readString(dir.resolve(fixture + ".error"));
        assertThat(actual).as(template).isEqualTo(expected);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(45);
  }

  private static String text(Value.Dict tokens, String key) {
    return tokens.map().get(Value.str(key)) instanceof Value.Str s ? s.value() : null;
  }

  @Test
  void mapsToolUseToCallsWithDictArgumentsAndToolResultsToToolMessages() throws IOException {
    List<Value> messages = TemplateTurns.messages(request("""
        {"model": "m", "max_tokens": 10, "system": [{"type": "text", "text": "A"}, {"type": "text", "text": "B"}],
         "messages": [
          {"role": "user", "content": "weather?"},
          {"role": "assistant", "content": [
            {"type": "thinking", "thinking": "need a tool", "signature": "s"},
            {"type": "redacted_thinking", "data": "xyz"},
            {"type": "tool_use", "id": "t1", "name": "get_weather", "input": {"city": "Paris", "days": 3, "ratio": 0.5}}]},
          {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "t1", "is_error": true,
             "content": [{"type": "text", "text": "timeout"}, {"type": "text", "text": "retry later"}]},
            {"type": "text", "text": "and now?"}]}]}"""), TemplateTurns.Options.DEFAULTS);

    assertThat(repr(messages)).isEqualTo("[{'role': 'system', 'content': 'A\\n\\nB'},"
        + " {'role': 'user', 'content': 'weather?'},"
        + " {'role': 'assistant', 'content': '', 'reasoning_content': 'need a tool', 'tool_calls': [{'id': 't1',"
        + " 'type': 'function', 'function': {'name': 'get_weather', 'arguments': {'city': 'Paris', 'days': 3,"
        + " 'ratio': 0.5}}}]},"
        + " {'role': 'tool', 'tool_call_id': 't1', 'name': 'get_weather', 'content': 'Error: timeout\\nretry later'},"
        + " {'role': 'user', 'content': 'and now?'}]");
  }

  @Test
  void mapsClientToolsToFunctionsAndLeavesServerToolsOut() throws IOException {
    List<Value> tools = TemplateTurns.tools(request("""
        {"model": "m", "max_tokens": 10, "messages": [], "tools": [
          {"name": "Bash", "description": "Run a command", "input_schema": {"type": "object",
           "properties": {"command": {"type": "string"}}, "required": ["command"]}},
          {"name": "Noop", "input_schema": {"type": "object"}},
          {"type": "web_search_20250305", "name": "web_search"}]}""").tools());

    assertThat(repr(tools)).isEqualTo("[{'type': 'function', 'function': {'name': 'Bash', 'description':"
        + " 'Run a command', 'parameters': {'type': 'object', 'properties': {'command': {'type': 'string'}},"
        + " 'required': ['command']}}}, {'type': 'function', 'function': {'name': 'Noop', 'parameters':"
        + " {'type': 'object'}}}]");
  }

  @Test
  void keepsOrInlinesSystemMessagesInsideTheConversationAndMergesNeighbours() throws IOException {
    MessagesRequest request = request("""
        {"model": "m", "max_tokens": 10, "messages": [
          {"role": "user", "content": "one"},
          {"role": "system", "content": "be brief"},
          {"role": "user", "content": [{"type": "text", "text": "two"}, {"type": "text", "text": "three"}]}]}""");

    assertThat(repr(TemplateTurns.messages(request, TemplateTurns.Options.DEFAULTS))).isEqualTo(
        "[{'role': 'user', 'content': 'one'}, {'role': 'system', 'content': 'be brief'},"
            + " {'role': 'user', 'content': 'two\\n\\nthree'}]");
    assertThat(repr(TemplateTurns.messages(request, new TemplateTurns.Options("reasoning_content", true))))
        .isEqualTo("[{'role': 'user', 'content': 'one\\n\\n<system-reminder>\\nbe brief\\n</system-reminder>"
            + "\\n\\ntwo\\n\\nthree'}]");
  }

  @Test
  void addsTheGenerationPromptUnlessTheRequestEndsWithAPrefill() throws IOException {
    assertThat(TemplateTurns.conversation(request("""
        {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}""")).addGenerationPrompt())
        .isTrue();
    Conversation prefill = TemplateTurns.conversation(request("""
        {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"},
          {"role": "assistant", "content": "{"}]}"""));
    assertThat(prefill.addGenerationPrompt()).isFalse();
    assertThat(prefill.tools()).isEmpty();
  }

  @Test
  void refusesImagesAndBinaryDocumentsAsInvalidRequests() {
    assertThatThrownBy(() -> TemplateTurns.conversation(request("""
        {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": [
          {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}]}]}""")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
          assertThat(e.getMessage()).isEqualTo("images are not supported by this model");
        });
    assertThatThrownBy(() -> TemplateTurns.conversation(request("""
        {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": [
          {"type": "tool_result", "tool_use_id": "t", "content": [
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}]}]}]}""")))
        .hasMessage("images are not supported by this model");
    assertThatThrownBy(() -> TemplateTurns.conversation(request("""
        {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": [
          {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0="}}]}]}""")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST));
  }

  @Test
  void turnsPlainTextDocumentsIntoText() throws IOException {
    List<Value> messages = TemplateTurns.messages(request("""
        {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": [
          {"type": "document", "title": "notes.txt", "source": {"type": "text", "media_type": "text/plain",
           "data": "line 1"}},
          {"type": "text", "text": "summarise"}]}]}"""), TemplateTurns.Options.DEFAULTS);
    assertThat(repr(messages)).isEqualTo("[{'role': 'user', 'content': 'notes.txt\\n\\nline 1\\n\\nsummarise'}]");
  }

  @Test
  void putsReasoningWhereTheTemplateReadsIt() throws IOException {
    assertThat(TemplateTurns.Options.forTemplate(
        Files.readString(CORPUS.resolve("templates/openai-gpt-oss-120b.jinja"))).reasoningField()).isEqualTo("thinking");
    assertThat(TemplateTurns.Options.forTemplate(
        Files.readString(CORPUS.resolve("templates/Qwen-Qwen3-0.6B.jinja"))).reasoningField())
        .isEqualTo("reasoning_content");
    assertThat(TemplateTurns.Options.forTemplate("{{ messages }}").reasoningField()).isEqualTo("reasoning_content");
  }
}
