package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatRequestErrorsTest {

  private static final String USER = "{\"role\":\"user\",\"content\":\"x\"}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing model                 | {"messages":[USER]}                                       | model is required
      model not a string            | {"model":3,"messages":[USER]}                             | model must be a string
      missing messages              | {"model":"m"}                                             | messages must be a non-empty array
      empty messages                | {"model":"m","messages":[]}                               | messages must be a non-empty array
      only a system message         | {"model":"m","messages":[{"role":"system","content":"s"}]} | at least one non-empty user, assistant or tool message
      missing role                  | {"model":"m","messages":[{"content":"x"}]}                | messages[0].role is required
      unknown role                  | {"model":"m","messages":[{"role":"robot","content":"x"}]} | messages[0].role must be one of
      content neither string nor list | {"model":"m","messages":[{"role":"user","content":5}]}  | messages[0].content must be a string or an array
      audio part                    | {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio"}]}]} | messages[0].content[0] has type "input_audio"
      image with ftp url            | {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]} | must be an http(s) URL or a base64 data URL
      data url not base64           | {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,abc"}}]}]} | must be a base64 data URL
      tool message without id       | {"model":"m","messages":[USER,{"role":"tool","content":"r"}]} | messages[1].tool_call_id is required
      tool call without id          | {"model":"m","messages":[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]} | messages[0].tool_calls[0].id is required
      tool call without name        | {"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","function":{"arguments":"{}"}}]}]} | messages[0].tool_calls[0].function.name is required
      arguments not json            | {"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f","arguments":"{city:"}}]}]} | messages[0].tool_calls[0].function.arguments is not valid JSON
      arguments an array            | {"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f","arguments":"[1]"}}]}]} | arguments must encode a JSON object
      function message unanswered   | {"model":"m","messages":[USER,{"role":"function","name":"f","content":"r"}]} | answers no earlier function_call named "f"
      non-function tool             | {"model":"m","messages":[USER],"tools":[{"type":"custom","custom":{"name":"g"}}]} | tools[0].type "custom" is not supported
      unknown tool choice           | {"model":"m","messages":[USER],"tool_choice":"always"}   | tool_choice must be "auto", "none", "required"
      tool choice of unknown tool   | {"model":"m","messages":[USER],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"g"}}} | tool_choice.function.name "g" is not one of the tools given
      max tokens zero               | {"model":"m","messages":[USER],"max_completion_tokens":0} | max_completion_tokens must be at least 1
      temperature as text           | {"model":"m","messages":[USER],"temperature":"hot"}      | temperature must be a number
      several choices               | {"model":"m","messages":[USER],"n":2}                    | n must be 1
      stop list with a number       | {"model":"m","messages":[USER],"stop":["a",1]}           | stop must be a string or an array of strings
      json schema without schema    | {"model":"m","messages":[USER],"response_format":{"type":"json_schema","json_schema":{"name":"a"}}} | response_format.json_schema.schema is required
      unknown response format       | {"model":"m","messages":[USER],"response_format":{"type":"yaml"}} | response_format.type must be text, json_object or json_schema
      unknown reasoning effort      | {"model":"m","messages":[USER],"reasoning_effort":"extreme"} | reasoning_effort must be one of
      """)
  void badInputIsAnInvalidRequestNamingTheField(String name, String body, String message) {
    assertThatThrownBy(() -> ChatRequestTranslator.toMessagesRequest(json(body.replace("USER", USER))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
          assertThat(e.getMessage()).contains(message);
        });
  }

  @Test
  void aBodyThatIsNotAnObjectIsAnInvalidRequest() {
    assertThatThrownBy(() -> ChatRequestTranslator.toMessagesRequest(json("[1]")))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("must be a JSON object");
  }
}
