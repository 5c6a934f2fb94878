package dev.tether.gateway.backend.local;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Role;
import dev.tether.engine.gguf.ModelMetadata;
import dev.tether.engine.template.ChatTemplate;
import dev.tether.engine.template.SpecialTokens;
import dev.tether.engine.template.TemplateException;
import dev.tether.engine.toolcall.TemplateDialect;
import dev.tether.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Renders a Messages request with the model's own chat template and tokenizes the result. The last
 * rendering is remembered: the gateway counts a request's tokens while normalising it and the backend
 * then generates from the same prompt, and tokenizing a 70 KB Claude Code prompt twice is waste.
 */
final class PromptRenderer {
  private final String modelName;
  private final Tokenizer tokenizer;
  private final ChatTemplate template;
  private final String templateProblem;
  private final TemplateTurns.Options turnOptions;
  private final SpecialTokens templateTokens;
  private final TemplateDialect dialect;
  private String lastText;
  private int[] lastTokens;

  PromptRenderer(String modelName, ModelMetadata metadata, Tokenizer tokenizer) {
    this.modelName = modelName;
    this.tokenizer = tokenizer;
    String source = metadata.chatTemplate().orElse("");
    ChatTemplate parsed = null;
    String problem = null;
    if (source.isBlank()) {
      problem = "model " + modelName + " has no chat template (tokenizer.chat_template is missing from the"
          + " GGUF file), so it cannot answer chat requests; use an instruct/chat version of the model";
    } else {
      try {
        parsed = ChatTemplate.parse(source);
      } catch (TemplateException e) {
        problem = "the chat template of model " + modelName + " does not parse: " + e.getMessage();
      }
    }
    this.template = parsed;
    this.templateProblem = problem;
    this.turnOptions = TemplateTurns.Options.forTemplate(source);
    this.dialect = TemplateDialect.of(source);
    var specials = tokenizer.specialTokens();
    this.templateTokens = new SpecialTokens(text(specials.bos()), text(specials.eos()));
  }

  /** The tool-call and reasoning conventions of the model's template. */
  TemplateDialect dialect() {
    return dialect;
  }

  /** Why the model cannot serve chat requests, or null when it can. */
  String problem() {
    return templateProblem;
  }

  /**
   * Renders and tokenizes a request.
   *
   * @throws ApiException 500 when the model has no usable template; 400 when the template rejects
   *     the conversation (its {@code raise_exception}) or the request holds content the model cannot take
   */
  LocalPrompt render(MessagesRequest request) {
    if (template == null) {
      throw new ApiException(ErrorType.API, templateProblem);
    }
    String text;
    try {
      text = template.render(TemplateTurns.conversation(request, turnOptions), templateTokens);
    } catch (TemplateException e) {
      text = retryWithSystemMessagesAsUser(request, e);
    }
    return new LocalPrompt(text, tokens(text), dialect.reasoning() && TemplateDialect.startsInReasoning(text));
  }

  /**
   * Many templates allow a system message only first and raise on Claude Code's system messages
   * inside the conversation; those are then given as user messages wrapped in {@code
   * <system-reminder>}, which every template takes.
   */
  private String retryWithSystemMessagesAsUser(MessagesRequest request, TemplateException first) {
    boolean inner = request.messages().stream().anyMatch(m -> m.role() == Role.SYSTEM);
    if (inner) {
      try {
        return template.render(TemplateTurns.conversation(request,
            new TemplateTurns.Options(turnOptions.reasoningField(), true)), templateTokens);
      } catch (TemplateException ignored) {
        // the first failure is the one to report
      }
    }
    throw ApiException.invalidRequest("the chat template of " + modelName + " rejected the conversation: "
        + first.getMessage());
  }

  private synchronized int[] tokens(String text) {
    if (!text.equals(lastText)) {
      lastTokens = encode(text);
      lastText = text;
    }
    return lastTokens;
  }

  /**
   * Control tokens in the rendered text ({@code <|im_start|>}) are parsed as such: the template wrote
   * them, and user text inside was rendered as data. BOS is added only when the model wants one and
   * the template did not already write it (a doubled BOS degrades answers).
   */
  private int[] encode(String text) {
    int[] ids = tokenizer.encode(text, false, true);
    var specials = tokenizer.specialTokens();
    if (specials.addBos() && specials.bos().isPresent()
        && (ids.length == 0 || ids[0] != specials.bos().getAsInt())) {
      int[] withBos = new int[ids.length + 1];
      withBos[0] = specials.bos().getAsInt();
      System.arraycopy(ids, 0, withBos, 1, ids.length);
      return withBos;
    }
    return Arrays.copyOf(ids, ids.length);
  }

  private String text(OptionalInt id) {
    return id.isPresent() ? tokenizer.tokenText(id.getAsInt()) : null;
  }
}
