package dev.tether.cli;

import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.gguf.GgufValue;
import dev.tether.engine.gguf.ModelMetadata;
import dev.tether.engine.runtime.GenerationRequest;
import dev.tether.engine.runtime.GenerationResult;
import dev.tether.engine.runtime.InferenceEngine;
import dev.tether.engine.runtime.TokenSink;
import dev.tether.engine.tiny.TinyModel;
import dev.tether.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * An {@link InferenceEngine} whose generation is a script: the real tokenizer and metadata of a tiny
 * Qwen-style GGUF file (with a Hermes tool-call template), and a reply text that is tokenized and fed
 * to the sink token by token. Cached tokens are the common prefix with the previous prompt, as a
 * one-slot prefix cache would report them. Records every request and how it ended.
 */
final class ScriptedEngine implements InferenceEngine {
  /** A ChatML template that renders tools and past calls the Hermes way ({@code <tool_call>}). */
  static final String HERMES_TEMPLATE = """
      {%- if tools %}<|im_start|>system
      {% if messages[0].role == 'system' %}{{ messages[0].content }}

      {% endif %}# Tools
      <tools>
      {% for tool in tools %}{{ tool | tojson }}
      {% endfor %}</tools>
      Call a tool as <tool_call>{"name": NAME, "arguments": ARGS}</tool_call><|im_end|>
      {% elif messages[0].role == 'system' %}<|im_start|>system
      {{ messages[0].content }}<|im_end|>
      {% endif %}
      {%- for message in messages %}{% if message.role != 'system' %}<|im_start|>{{ message.role }}
      {{ message.content }}{% for call in message.tool_calls or [] %}<tool_call>{{ {"name": call.function.name, "arguments": call.function.arguments} | tojson }}</tool_call>{% endfor %}<|im_end|>
      {% endif %}{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant
      {% endif %}""";

  private final Path file;
  private final ModelMetadata metadata;
  private final Tokenizer tokenizer;
  private final int contextLength;
  final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
  final List<GenerationResult> results = new CopyOnWriteArrayList<>();
  volatile Function<int[], String> reply = prompt -> "Hello from the engine.";
  /** When set, generation waits for it (checking cancellation) before the first token. */
  volatile CountDownLatch gate;
  /** Counted down when a generation has begun. */
  volatile CountDownLatch begun = new CountDownLatch(1);
  volatile long tokenDelayMillis;
  private int[] lastPrompt = new int[0];
  private volatile boolean closed;

  private ScriptedEngine(Path file, int contextLength) throws IOException {
    this.file = file;
    GgufHeader header = GgufHeader.read(file);
    this.metadata = ModelMetadata.from(header);
    this.tokenizer = Tokenizer.from(header);
    this.contextLength = contextLength;
  }

  /** Writes the tiny model (Qwen vocabulary, Hermes template) into {@code dir} and opens it. */
  static ScriptedEngine create(Path dir, int contextLength) throws IOException {
    return new ScriptedEngine(writeModel(dir.resolve("tiny-qwen.gguf"), HERMES_TEMPLATE), contextLength);
  }

  /** Opens a model file written by {@link #writeModel}. */
  static ScriptedEngine open(Path file, int contextLength) throws IOException {
    return new ScriptedEngine(file, contextLength);
  }

  /** A tiny Qwen-style model file with the given chat template (null: none). */
  static Path writeModel(Path path, String template) throws IOException {
    var writer = TinyModel.builder().architecture("qwen2").name("Tiny Qwen").contextLength(4096).build().toWriter();
    if (template == null) {
      writer.remove("tokenizer.chat_template");
    } else {
      writer.put("tokenizer.chat_template", GgufValue.string(template));
    }
    writer.write(path);
    return path;
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  /** The text of a token sequence, control tokens included. */
  String text(int[] tokens) {
    return tokenizer.decode(tokens, true);
  }

  @Override
  public GenerationResult generate(GenerationRequest request, TokenSink sink) {
    requests.add(request);
    int[] prompt = request.prompt();
    int cached;
    synchronized (this) {
      cached = 0;
      while (cached < Math.min(prompt.length - 1, lastPrompt.length) && prompt[cached] == lastPrompt[cached]) {
        cached++;
      }
      lastPrompt = prompt.clone();
    }
    request.progress().update(cached, prompt.length);
    begun.countDown();
    GenerationResult result = run(request, sink, prompt.length, cached);
    results.add(result);
    return result;
  }

  private GenerationResult run(GenerationRequest request, TokenSink sink, int promptTokens, int cached) {
    CountDownLatch waitFor = gate;
    try {
      while (waitFor != null && !waitFor.await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (request.cancelled().getAsBoolean()) {
          return new GenerationResult(promptTokens, cached, 0, GenerationResult.StopReason.CANCELLED, 1);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    request.progress().update(promptTokens, promptTokens);
    int[] tokens = tokenizer.encode(reply.apply(request.prompt()), false, true);
    int generated = 0;
    for (int token : tokens) {
      if (request.cancelled().getAsBoolean()) {
        return new GenerationResult(promptTokens, cached, generated, GenerationResult.StopReason.CANCELLED, 1);
      }
      if (generated == request.maxTokens()) {
        return new GenerationResult(promptTokens, cached, generated, GenerationResult.StopReason.MAX_TOKENS, 1);
      }
      generated++;
      if (!sink.accept(token)) {
        return new GenerationResult(promptTokens, cached, generated, GenerationResult.StopReason.STOPPED, 1);
      }
      if (tokenDelayMillis > 0) {
        try {
          Thread.sleep(tokenDelayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return new GenerationResult(promptTokens, cached, generated, GenerationResult.StopReason.END_OF_TURN, 1);
  }

  @Override
  public float[][] logits(int[] tokens) {
    throw new UnsupportedOperationException("a scripted engine has no logits");
  }

  @Override
  public void close() {
    closed = true;
  }

  boolean closed() {
    return closed;
  }
}
