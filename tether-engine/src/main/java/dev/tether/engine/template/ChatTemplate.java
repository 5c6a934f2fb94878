package dev.tether.engine.template;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed chat template, rendered exactly as Hugging Face transformers renders it with Python
 * Jinja2 ({@code ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)} with the
 * loopcontrols extension, {@code tojson} as {@code json.dumps(ensure_ascii=False)}, {@code
 * raise_exception} and {@code strftime_now}).
 *
 * <pre>{@code
 * ChatTemplate template = ChatTemplate.parse(gguf.chatTemplate());
 * String prompt = template.render(
 *     Conversation.of(List.of(Value.dict(Map.of("role", Value.str("user"), "content", Value.str("Hi")))), true),
 *     new SpecialTokens("<s>", "</s>"));
 * }</pre>
 *
 * <p>Rendering is sandboxed: templates reach only the values passed in, through Python semantics
 * ({@link Value}); message content is data and is never evaluated as template text. A parsed
 * template is immutable and may be rendered by many threads at once. {@link #parse} keeps a small
 * cache, so the same template text is not parsed again for every request.
 */
public final class ChatTemplate {
  private static final int CACHE_SIZE = 16;
  private static final Map<String, ChatTemplate> CACHE = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ChatTemplate> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  private final String source;
  private final List<Node> body;

  private ChatTemplate(String source, List<Node> body) {
    this.source = source;
    this.body = body;
  }

  /**
   * Parses a template, or returns the cached parse of the same text.
   *
   * @throws TemplateException ({@code TemplateSyntaxError}, or {@code TemplateAssertionError} for an
   *     unknown filter or test) if it does not parse
   */
  public static ChatTemplate parse(String source) {
    synchronized (CACHE) {
      ChatTemplate cached = CACHE.get(source);
      if (cached != null) {
        return cached;
      }
    }
    List<Node> body = Parser.parse(source);
    Names.checkFiltersAndTests(body);
    ChatTemplate template = new ChatTemplate(source, body);
    synchronized (CACHE) {
      CACHE.put(source, template);
    }
    return template;
  }

  /** The template text. */
  public String source() {
    return source;
  }

  /**
   * Renders a conversation with the real clock.
   *
   * @throws TemplateException when the template raises, as Jinja2 would
   */
  public String render(Conversation conversation, SpecialTokens tokens) {
    return render(conversation, tokens, Clock.systemDefaultZone());
  }

  /**
   * Renders a conversation: the template sees {@code messages}, {@code tools} (a list, or None),
   * {@code documents} (None), {@code add_generation_prompt}, {@code bos_token} and {@code
   * eos_token} (only those that are set), and the conversation's extra variables.
   *
   * @param clock what {@code strftime_now} reads, as local time in the clock's zone
   * @throws TemplateException when the template raises, as Jinja2 would
   */
  public String render(Conversation conversation, SpecialTokens tokens, Clock clock) {
    Map<String, Value> variables = new LinkedHashMap<>(conversation.extra());
    variables.put("messages", new Value.Seq(conversation.messages(), Value.Seq.LIST));
    variables.put("tools", conversation.tools().<Value>map(t -> new Value.Seq(t, Value.Seq.LIST)).orElse(Value.NONE));
    variables.put("documents", Value.NONE);
    variables.put("add_generation_prompt", Value.bool(conversation.addGenerationPrompt()));
    if (tokens.bos() != null) {
      variables.put("bos_token", Value.str(tokens.bos()));
    }
    if (tokens.eos() != null) {
      variables.put("eos_token", Value.str(tokens.eos()));
    }
    return render(variables, clock);
  }

  /**
   * Renders with exactly these variables.
   *
   * @param clock what {@code strftime_now} reads
   * @throws TemplateException when the template raises, as Jinja2 would
   */
  public String render(Map<String, Value> variables, Clock clock) {
    Scope scope = new Scope(Globals.scope(clock));
    variables.forEach(scope::set);
    return new Interpreter().render(body, scope);
  }
}
