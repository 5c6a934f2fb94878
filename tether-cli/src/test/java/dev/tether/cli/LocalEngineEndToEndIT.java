package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import dev.tether.engine.runtime.EngineOptions;
import dev.tether.engine.runtime.InferenceEngine;
import dev.tether.engine.runtime.LoadProgress;
import dev.tether.engine.runtime.LocalEngine;
import dev.tether.engine.tensor.Kernels;
import dev.tether.engine.tiny.TinyModel;
import dev.tether.gateway.backend.local.LocalBackend;
import dev.tether.gateway.backend.local.LocalBackendOptions;
import dev.tether.gateway.http.HttpOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole path with the real engine: a tiny random-weight Qwen-style model written by {@link
 * TinyModel}, loaded by {@link InferenceEngine#load}, served by the local backend through the real
 * server, asked by the official SDK. Random weights write no meaningful text, so the checks are on
 * what must hold for any model: a well-formed reply, real counts, the prefix cache, determinism.
 */
class LocalEngineEndToEndIT {
  @TempDir Path dir;
  private Path model;
  private TetherServer server;
  private AnthropicClient client;

  @BeforeEach
  void start() throws Exception {
    model = TinyModel.builder().architecture("qwen2").name("Tiny Qwen").contextLength(1024).build()
        .write(dir.resolve("tiny-qwen.gguf"));
    InferenceEngine engine = InferenceEngine.load(model,
        new EngineOptions(2, 0, 2, 0, Optional.empty(), 0, Kernels.Mode.VECTOR), LoadProgress.NONE);
    server = TetherServer.start("127.0.0.1", 0, new HttpOptions("secret", Duration.ofMillis(200), 1_000_000),
        List.of(new LocalBackend(engine, LocalBackendOptions.of("tiny-qwen"))), List.of());
    client = AnthropicOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey("secret").maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private Message streamed(MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }

  private static MessageCreateParams ask(String system, String question) {
    return MessageCreateParams.builder().model("tiny-qwen").maxTokens(12).putAdditionalBodyProperty("temperature", com.anthropic.core.JsonValue.from(0))
        .systemOfTextBlockParams(List.of(TextBlockParam.builder().text(system)
            .cacheControl(CacheControlEphemeral.builder().build()).build()))
        .addUserMessage(question).build();
  }

  private long count(String system, String question) {
    return client.messages().countTokens(MessageCountTokensParams.builder().model("tiny-qwen").system(system)
        .addUserMessage(question).build()).inputTokens();
  }

  @Test
  void aRealModelAnswersWithRealCountsAndReusesThePrefix() {
    String system = "You are a helpful assistant for a small project. ".repeat(8);
    Message cold = streamed(ask(system, "What is in the project?"));
    assertThat(cold.stopReason()).hasValueSatisfying(r -> assertThat(r).isIn(StopReason.END_TURN, StopReason.MAX_TOKENS));
    assertThat(cold.usage().outputTokens()).isBetween(1L, 12L);
    long prompt = count(system, "What is in the project?");
    assertThat(cold.usage().cacheCreationInputTokens().orElseThrow() + cold.usage().cacheReadInputTokens().orElseThrow()
        + cold.usage().inputTokens()).isEqualTo(prompt);

    Message warm = streamed(ask(system, "And what is it for?"));
    long prompt2 = count(system, "And what is it for?");
    long reused = warm.usage().cacheReadInputTokens().orElseThrow();
    assertThat(reused).isGreaterThan(80).isLessThan(prompt2);
    assertThat(warm.usage().cacheCreationInputTokens().orElseThrow() + reused + warm.usage().inputTokens()).isEqualTo(prompt2);

    Message again = streamed(ask(system, "What is in the project?"));
    assertThat(again.content()).isEqualTo(cold.content());
    assertThat(again.usage().outputTokens()).isEqualTo(cold.usage().outputTokens());
  }

  @Test
  void aToolCallFromTheRealForwardPassReachesTheSdkAsToolUse() throws Exception {
    // Random weights write no tool call, so the tokens are scripted: each one is chosen from logits the
    // real forward pass computed (checked), then parsed, streamed and assembled as for any model.
    String script = "Let me look.<tool_call>{\"name\": \"Bash\", \"arguments\": {\"command\": \"ls -la\"}}</tool_call>";
    AtomicInteger chosen = new AtomicInteger();
    List<float[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    // The same tiny Qwen-style weights with a template that offers tools in the Hermes format.
    Path hermes = ScriptedEngine.writeModel(dir.resolve("tiny-hermes.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    LocalEngine scripted = LocalEngine.load(hermes, new EngineOptions(2, 0, 1, 0, Optional.empty(), 0, Kernels.Mode.VECTOR),
        LoadProgress.NONE, () -> Kernels.create(2, Kernels.Mode.VECTOR), sampling -> {
          return logits -> {
            seen.add(logits.clone());
            return chosen.getAndIncrement() < scriptTokens.length ? scriptTokens[chosen.get() - 1] : endOfTurn;
          };
        });
    scriptTokens = scripted.tokenizer().encode(script, false, true);
    endOfTurn = scripted.tokenizer().specialTokens().endOfGeneration().iterator().next();
    TetherServer local = TetherServer.start("127.0.0.1", 0, new HttpOptions("secret", Duration.ofMillis(200), 1_000_000),
        List.of(new LocalBackend(scripted, LocalBackendOptions.of("tiny-qwen"))), List.of());
    AnthropicClient sdk = AnthropicOkHttpClient.builder().baseUrl(local.baseUrl().toString()).apiKey("secret")
        .maxRetries(0).build();
    try {
      Tool bash = Tool.builder().name("Bash").description("Run a shell command")
          .inputSchema(Tool.InputSchema.builder().properties(com.anthropic.core.JsonValue.from(
              java.util.Map.of("command", java.util.Map.of("type", "string")))).required(List.of("command")).build())
          .build();
      MessageAccumulator accumulator = MessageAccumulator.create();
      try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(MessageCreateParams.builder()
          .model("tiny-qwen").maxTokens(200).addUserMessage("List the files").addTool(bash).build())) {
        stream.stream().forEach(accumulator::accumulate);
      }
      Message message = accumulator.message();
      assertThat(message.content()).hasSize(2);
      assertThat(message.content().get(0).asText().text()).isEqualTo("Let me look.");
      var use = message.content().get(1).asToolUse();
      assertThat(use.name()).isEqualTo("Bash");
      assertThat(use._input().convert(java.util.Map.class)).isEqualTo(java.util.Map.of("command", "ls -la"));
      assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
      assertThat(message.usage().outputTokens()).isEqualTo(scriptTokens.length);
    } finally {
      sdk.close();
      local.close();
    }
    // One set of logits per generated token (and the end), over the whole vocabulary, from real weights.
    assertThat(seen).hasSize(scriptTokens.length + 1);
    assertThat(seen.getFirst()).hasSize(scripted.config().vocab());
    assertThat(seen.getFirst()).doesNotContain(Float.NaN);
    assertThat(seen.get(0)).isNotEqualTo(seen.get(1));
  }

  private int[] scriptTokens = new int[0];
  private int endOfTurn;

  @Test
  void benchPrintsOneJsonObjectForARealModel() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String previousHome = System.getProperty("tether.home");
    System.setProperty("tether.home", dir.resolve("home").toString());
    try {
      assertThat(cli.execute("bench", "--model", model.toString(), "--prompt", "64", "--gen", "8", "--threads", "2",
          "--json")).as(err.toString()).isZero();
    } finally {
      if (previousHome == null) {
        System.clearProperty("tether.home");
      } else {
        System.setProperty("tether.home", previousHome);
      }
    }
    JsonNode json = Json.tree(out.toString());
    assertThat(json.path("pp_tps").asDouble()).isPositive();
    assertThat(json.path("ttft_cold_ms").asDouble()).isPositive();
    assertThat(json.path("ttft_cached_ms").asDouble()).isPositive();
    assertThat(json.path("cached_tokens").asInt()).isEqualTo(64);
    assertThat(json.has("tg_tps")).isTrue();
  }

  @Test
  void aModelOverTheMemoryCapIsRefusedInOneLine() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    String previousHome = System.getProperty("tether.home");
    System.setProperty("tether.home", dir.resolve("home").toString());
    try {
      assertThat(cli.execute("serve", "--port", "0", "--model", model.toString(), "--memory-cap", "100KB")).isEqualTo(1);
    } finally {
      if (previousHome == null) {
        System.clearProperty("tether.home");
      } else {
        System.setProperty("tether.home", previousHome);
      }
    }
    assertThat(err.toString().strip()).startsWith("tether: cannot load " + model).contains("memory-cap")
        .doesNotContain("Exception").hasLineCount(1);
  }
}
