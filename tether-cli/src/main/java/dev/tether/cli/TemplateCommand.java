package dev.tether.cli;

import dev.tether.engine.gguf.GgufFormatException;
import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.gguf.ModelMetadata;
import dev.tether.engine.gguf.TokenizerMetadata;
import dev.tether.engine.json.JsonException;
import dev.tether.engine.template.ChatTemplate;
import dev.tether.engine.template.Conversation;
import dev.tether.engine.template.SpecialTokens;
import dev.tether.engine.template.TemplateException;
import dev.tether.engine.template.Values;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tether template}: chat templates, rendered as the embedded engine renders them. */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description = "Chat templates: see the exact prompt a model receives.",
    subcommands = {TemplateCommand.Render.class})
final class TemplateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code tether template render}: prints the prompt a chat template renders for a conversation,
   * byte for byte, as Hugging Face transformers (Python Jinja2) would render it.
   */
  @Command(
      name = "render",
      mixinStandardHelpOptions = true,
      description = {
        "Print the exact prompt a chat template renders for a conversation (no newline added).",
        "The conversation file holds {\"messages\": [...], \"tools\": [...], \"add_generation_prompt\": true};"
            + " tools and add_generation_prompt are optional. A template error prints"
            + " 'TemplateError: <message>' on stderr and exits 1."
      })
  static final class Render implements Callable<Integer> {
    /** The GGUF keys the command does not need: skipped so a large vocabulary reads quickly. */
    private static final Set<String> UNNEEDED =
        Set.of("tokenizer.ggml.scores", "tokenizer.ggml.token_type", "tokenizer.ggml.merges");

    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the template comes from. */
    static final class Source {
      @Option(names = "--template", paramLabel = "FILE", description = "A Jinja chat template file.")
      Path template;

      @Option(
          names = "--model",
          paramLabel = "FILE.gguf",
          description = "A GGUF model: its tokenizer.chat_template and its BOS/EOS tokens.")
      Path model;
    }

    @Option(names = "--conversation", required = true, paramLabel = "FILE.json", description = "The conversation.")
    Path conversation;

    @Option(names = "--bos-token", paramLabel = "S", description = "bos_token (default: the model's, or unset).")
    String bosToken;

    @Option(names = "--eos-token", paramLabel = "S", description = "eos_token (default: the model's, or unset).")
    String eosToken;

    @Option(
        names = "--now",
        paramLabel = "2025-01-15T12:00:00",
        description = "The local time strftime_now sees (default: the clock).")
    LocalDateTime now;

    @Override
    public Integer call() {
      String templateText;
      SpecialTokens tokens;
      if (source.template != null) {
        templateText = read(source.template);
        tokens = new SpecialTokens(bosToken, eosToken);
      } else {
        ModelMetadata model = model(source.model);
        templateText = model.chatTemplate()
            .orElseThrow(() -> new UserError(source.model + " has no chat template (tokenizer.chat_template)"));
        TokenizerMetadata tokenizer = model.tokenizer();
        tokens = new SpecialTokens(
            bosToken != null ? bosToken : token(tokenizer, tokenizer.bosTokenId()),
            eosToken != null ? eosToken : token(tokenizer, tokenizer.eosTokenId()));
      }
      Conversation input;
      try {
        input = Conversation.fromDocument(Values.parseJson(read(conversation)));
      } catch (JsonException | IllegalArgumentException e) {
        throw new UserError(conversation + ": " + e.getMessage());
      }
      Clock clock = now == null ? Clock.systemDefaultZone() : Clock.fixed(now.toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
      try {
        String prompt = ChatTemplate.parse(templateText).render(input, tokens, clock);
        PrintWriter out = spec.commandLine().getOut();
        out.print(prompt);
        out.flush();
        return 0;
      } catch (TemplateException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(e.describe());
        err.flush();
        return 1;
      }
    }

    private static String read(Path file) {
      try {
        return java.nio.file.Files.readString(file);
      } catch (IOException e) {
        throw new UserError("cannot read " + file + ": " + describe(e));
      }
    }

    private static ModelMetadata model(Path file) {
      try {
        return ModelMetadata.from(GgufHeader.read(file, key -> !UNNEEDED.contains(key)));
      } catch (GgufFormatException e) {
        throw new UserError(e.getMessage());
      } catch (IOException e) {
        throw new UserError("cannot read " + file + ": " + describe(e));
      }
    }

    /** The text of a special token, or null when the model does not set it. */
    private static String token(TokenizerMetadata tokenizer, OptionalInt id) {
      return id.isPresent() && id.getAsInt() < tokenizer.tokens().size() ? tokenizer.tokens().get(id.getAsInt()) : null;
    }

    private static String describe(IOException e) {
      return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString();
    }
  }
}
