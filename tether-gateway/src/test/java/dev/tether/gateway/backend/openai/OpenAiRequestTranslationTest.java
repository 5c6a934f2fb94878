package dev.tether.gateway.backend.openai;

import static dev.tether.gateway.backend.openai.OpenAiTestSupport.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import org.junit.jupiter.api.Test;

class OpenAiRequestTranslationTest {

  /** A request shaped like Claude Code's main loop on turn 2, plus an image and a tool round trip. */
  private static final String CLAUDE_CODE_REQUEST =
      """
      {"model":"claude-qwen3-coder","max_tokens":32000,"stream":true,
       "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1"},
                 {"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
       "messages":[
         {"role":"user","content":[{"type":"text","text":"<system-reminder>date</system-reminder>"},
                                   {"type":"text","text":"list files"}]},
         {"role":"system","content":"Agents: general"},
         {"role":"assistant","content":[
            {"type":"thinking","thinking":"use ls","signature":"sig"},
            {"type":"redacted_thinking","data":"xx"},
            {"type":"text","text":""},
            {"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}},
            {"type":"tool_use","id":"toolu_2","name":"Agent","input":{"prompt":"look"}}]},
         {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"toolu_1","content":"a.txt","is_error":false},
            {"type":"tool_result","tool_use_id":"toolu_2","is_error":true,
             "content":[{"type":"text","text":"failed"},{"type":"text","text":"twice"},
                        {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAA"}}]},
            {"type":"text","text":"and this picture?","cache_control":{"type":"ephemeral"}},
            {"type":"image","source":{"type":"url","url":"https://example.com/p.png"}}]}],
       "tools":[{"name":"Bash","description":"Run","input_schema":{
                   "$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                   "properties":{"command":{"type":"string"},"$schema":{"type":"string"}},
                   "additionalProperties":false,"required":["command"]}},
                {"type":"web_search_20250305","name":"web_search"}],
       "tool_choice":{"type":"any","disable_parallel_tool_use":true},
       "thinking":{"type":"adaptive"},
       "context_management":{"edits":[]},
       "output_config":{"effort":"high","format":{"type":"json_schema","schema":{
           "$schema":"x","type":"object","properties":{"title":{"type":"string"}}}}},
       "metadata":{"user_id":"{}"}}""";

  @Test
  void aClaudeCodeRequestBecomesTheExactChatCompletionsBody() throws Exception {
    RequestTranslator translator = new RequestTranslator(SystemMessagePolicy.INLINE_AS_USER, true);

    JsonNode body = translator.translate(messages(CLAUDE_CODE_REQUEST));

    JsonNode expected =
        Json.tree(
            """
            {"messages":[
               {"role":"system","content":"x-anthropic-billing-header: cc_version=2.1\\n\\nYou are Claude Code."},
               {"role":"user","content":"<system-reminder>date</system-reminder>\\n\\nlist files\\n\\n<system-reminder>\\nAgents: general\\n</system-reminder>"},
               {"role":"assistant","content":null,"reasoning_content":"use ls","tool_calls":[
                  {"id":"toolu_1","type":"function","function":{"name":"Bash","arguments":"{\\"command\\":\\"ls\\"}"}},
                  {"id":"toolu_2","type":"function","function":{"name":"Agent","arguments":"{\\"prompt\\":\\"look\\"}"}}]},
               {"role":"tool","tool_call_id":"toolu_1","content":"a.txt"},
               {"role":"tool","tool_call_id":"toolu_2","content":"Error: failed\\ntwice"},
               {"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"}},
                  {"type":"text","text":"and this picture?"},
                  {"type":"image_url","image_url":{"url":"https://example.com/p.png"}}]}],
             "stream":true,
             "stream_options":{"include_usage":true},
             "max_tokens":32000,
             "tools":[{"type":"function","function":{"name":"Bash","description":"Run","parameters":{
                 "type":"object","properties":{"command":{"type":"string"},"$schema":{"type":"string"}},
                 "additionalProperties":false,"required":["command"]}}}],
             "tool_choice":"required",
             "parallel_tool_calls":false,
             "reasoning_effort":"high",
             "response_format":{"type":"json_schema","json_schema":{"name":"output","schema":{
                 "type":"object","properties":{"title":{"type":"string"}}},"strict":true}}}""");
    assertThat(body).isEqualTo(expected);
  }

  @Test
  void theSystemMessageOfTurnOneFoldsIntoTheUserTurnBeforeIt() throws Exception {
    RequestTranslator translator = new RequestTranslator(SystemMessagePolicy.INLINE_AS_USER, false);

    JsonNode body =
        translator.translate(
            messages(
                """
                {"model":"m","max_tokens":10,"messages":[
                  {"role":"user","content":"hi"},{"role":"system","content":"be brief"}]}"""));

    assertThat(body.get("messages"))
        .isEqualTo(
            Json.tree(
                """
                [{"role":"user","content":"hi\\n\\n<system-reminder>\\nbe brief\\n</system-reminder>"}]"""));
  }

  @Test
  void keepAsSystemSendsInnerSystemMessagesInPlace() throws Exception {
    RequestTranslator translator = new RequestTranslator(SystemMessagePolicy.KEEP_AS_SYSTEM, false);

    JsonNode body =
        translator.translate(
            messages(
                """
                {"model":"m","max_tokens":10,"messages":[
                  {"role":"user","content":"hi"},{"role":"system","content":"be brief"},
                  {"role":"assistant","content":"ok"},{"role":"user","content":"go"}]}"""));

    assertThat(body.get("messages"))
        .isEqualTo(
            Json.tree(
                """
                [{"role":"user","content":"hi"},{"role":"system","content":"be brief"},
                 {"role":"assistant","content":"ok"},{"role":"user","content":"go"}]"""));
  }

  @Test
  void thinkingIsNeverForwardedToAModelThatCannotThink() {
    RequestTranslator translator = new RequestTranslator(SystemMessagePolicy.INLINE_AS_USER, false);

    JsonNode body = translator.translate(messages(CLAUDE_CODE_REQUEST));

    assertThat(body.has("reasoning_effort")).isFalse();
  }

  @Test
  void samplingSettingsAndToolChoicesMapOneToOneAndStopSequencesStayHere() throws Exception {
    RequestTranslator translator = new RequestTranslator(SystemMessagePolicy.INLINE_AS_USER, true);

    JsonNode body =
        translator.translate(
            messages(
                """
                {"model":"m","max_tokens":10,"temperature":0.5,"top_p":0.9,"top_k":40,
                 "stop_sequences":["END"],"thinking":{"type":"enabled","budget_tokens":2048},
                 "tools":[{"name":"Read","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"tool","name":"Read"},
                 "messages":[{"role":"user","content":"hi"}]}"""));

    assertThat(body.get("temperature").asDouble()).isEqualTo(0.5);
    assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.get("top_k").asInt()).isEqualTo(40);
    assertThat(body.has("stop")).isFalse();
    assertThat(body.get("reasoning_effort").asText()).isEqualTo("low");
    assertThat(body.get("tool_choice"))
        .isEqualTo(Json.tree("{\"type\":\"function\",\"function\":{\"name\":\"Read\"}}"));
    assertThat(body.has("parallel_tool_calls")).isFalse();
  }

  @Test
  void aDocumentWithATextSourceBecomesText() throws Exception {
    RequestTranslator translator = new RequestTranslator(SystemMessagePolicy.INLINE_AS_USER, false);

    JsonNode body =
        translator.translate(
            messages(
                """
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"notes"}},
                  {"type":"text","text":"summarise"}]}]}"""));

    assertThat(body.get("messages"))
        .isEqualTo(Json.tree("[{\"role\":\"user\",\"content\":\"notes\\n\\nsummarise\"}]"));
  }
}
