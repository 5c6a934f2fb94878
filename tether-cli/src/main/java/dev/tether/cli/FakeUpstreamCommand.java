package dev.tether.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.cli.bench.ScriptedOpenAiServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;

/**
 * {@code tether fake-upstream}: a scripted OpenAI-compatible server for trying the gateway and Claude
 * Code end to end without a model. With a {@code Bash} tool on offer and no tool result yet, it asks
 * to run the command the prompt names in backticks (default {@code echo hello}); once a tool result
 * is in the conversation it answers with that result. Anything else gets a fixed greeting.
 */
@Command(name = "fake-upstream", hidden = true, mixinStandardHelpOptions = true,
    description = "Run a scripted OpenAI-compatible server (no model) for end-to-end checks; prints its URL.")
final class FakeUpstreamCommand implements Callable<Integer> {
  private static final Pattern BACKTICKS = Pattern.compile("`([^`]+)`");

  @Override
  public Integer call() throws Exception {
    try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start("fake-model", FakeUpstreamCommand::reply)) {
      System.out.println(server.baseUrl());
      System.out.flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }

  static ScriptedOpenAiServer.Reply reply(JsonNode request) {
    JsonNode messages = request.path("messages");
    String lastToolResult = null;
    String lastUser = "";
    for (JsonNode message : messages) {
      switch (message.path("role").asText()) {
        case "tool" -> lastToolResult = message.path("content").asText();
        case "user" -> {
          lastUser = message.path("content").isTextual() ? message.path("content").asText() : message.path("content").toString();
          lastToolResult = null;
        }
        default -> {}
      }
    }
    if (lastToolResult != null) {
      return ScriptedOpenAiServer.text("The command printed: " + lastToolResult.strip(), 6);
    }
    boolean hasBash = false;
    for (JsonNode tool : request.path("tools")) {
      hasBash |= "Bash".equals(tool.path("function").path("name").asText());
    }
    if (hasBash) {
      Matcher m = BACKTICKS.matcher(lastUser);
      String command = m.find() ? m.group(1) : "echo hello";
      String args = dev.tether.api.json.Json.write(java.util.Map.of("command", command, "description", "Run the requested command"));
      return ScriptedOpenAiServer.toolCall("call_" + Long.toHexString(System.nanoTime()), "Bash", args);
    }
    return ScriptedOpenAiServer.text("Hello from Tether's fake upstream.", 6);
  }
}
