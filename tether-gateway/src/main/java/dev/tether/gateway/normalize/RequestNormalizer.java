package dev.tether.gateway.normalize;

import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Tool;
import dev.tether.api.messages.ToolChoice;
import dev.tether.gateway.backend.ModelTraits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Fixes a request for a backend (PRODUCT.md §1, research gateway.md §3):
 *
 * <ol>
 *   <li>drops empty and whitespace-only text blocks everywhere, and messages left empty (Claude Code
 *       sends {@code {"type":"text","text":""}} beside tool_use; real servers reject them);
 *   <li>strips the per-request {@code x-anthropic-billing-header} line from the system prompt (it
 *       changes every session and would defeat prefix caching);
 *   <li>moves images out of tool results into the same user turn, after the results, for backends
 *       that cannot take them there;
 *   <li>shortens tool names longer than the backend accepts, reversibly;
 *   <li>drops {@code thinking} for models that cannot think;
 *   <li>fits the prompt to the context, the model's capped by {@code maxContext}: drops the oldest
 *       messages when it must ({@link ContextFitter}), rejects what still cannot fit (400 {@code prompt
 *       is too long}) and clamps {@code max_tokens} to the room left.
 * </ol>
 *
 * Pass-through backends get only step 1: the real API wants everything else as the client sent it.
 */
public final class RequestNormalizer {
  static final String BILLING_HEADER = "x-anthropic-billing-header:";

  private final ToIntFunction<MessagesRequest> tokenCount;
  private final int maxContext;

  /**
   * @param tokenCount counts a request's input tokens (the backend's tokenizer or an estimate)
   * @param maxContext the most context any model gets (0: no cap beyond the model's own)
   */
  public RequestNormalizer(ToIntFunction<MessagesRequest> tokenCount, int maxContext) {
    this.tokenCount = tokenCount;
    this.maxContext = maxContext <= 0 ? Integer.MAX_VALUE : maxContext;
  }

  /** The result: the request to send and the tool-name mapping to apply to the reply. */
  public record Normalized(MessagesRequest request, ToolNames toolNames, int inputTokens) {}

  /** Normalises for a translating backend with the given traits. */
  public Normalized normalize(MessagesRequest request, ModelTraits traits, boolean checkContext) {
    ToolNames names = new ToolNames(traits.maxToolNameLength());
    List<Message> messages = new ArrayList<>();
    for (Message message : request.messages()) {
      List<ContentBlock> content = new ArrayList<>();
      List<ContentBlock> movedImages = new ArrayList<>();
      for (ContentBlock block : message.content()) {
        ContentBlock fixed = fixBlock(block, traits, names, movedImages);
        if (fixed != null) {
          content.add(fixed);
        }
      }
      content.addAll(movedImages);
      if (!content.isEmpty()) {
        messages.add(new Message(message.role(), List.copyOf(content)));
      }
    }
    List<Tool> tools = new ArrayList<>();
    for (Tool tool : request.tools()) {
      tools.add(new Tool(tool.type(), names.shorten(tool.name()), tool.description(),
          tool.inputSchema(), tool.cacheControl()));
    }
    MessagesRequest fixed = request
        .withMessages(List.copyOf(messages))
        .withSystem(stripBillingHeader(dropEmptyText(request.system())))
        .withTools(List.copyOf(tools));
    if (request.toolChoice() instanceof ToolChoice.Named named) {
      fixed = fixed.withToolChoice(new ToolChoice.Named(names.shorten(named.name()), named.disableParallelToolUse()));
    }
    if (!traits.thinking() && fixed.thinking() != null) {
      fixed = fixed.withThinking(null);
    }
    int inputTokens = tokenCount.applyAsInt(fixed);
    int context = traits.contextLength() > 0 ? Math.min(traits.contextLength(), maxContext) : maxContext;
    if (checkContext && context > 0) {
      ContextFitter.Fitted fitted = ContextFitter.fit(fixed, context, inputTokens, tokenCount);
      fixed = fitted.request();
      inputTokens = fitted.inputTokens();
    }
    return new Normalized(fixed, names, inputTokens);
  }

  /** The only normalisation pass-through backends get: empty text blocks dropped. */
  public static MessagesRequest normalizePassThrough(MessagesRequest request) {
    List<Message> messages = new ArrayList<>();
    for (Message message : request.messages()) {
      List<ContentBlock> content = new ArrayList<>();
      for (ContentBlock block : message.content()) {
        ContentBlock fixed = dropEmpty(block);
        if (fixed != null) {
          content.add(fixed);
        }
      }
      if (!content.isEmpty()) {
        messages.add(new Message(message.role(), List.copyOf(content)));
      }
    }
    return request.withMessages(List.copyOf(messages)).withSystem(dropEmptyText(request.system()));
  }

  private static ContentBlock fixBlock(
      ContentBlock block, ModelTraits traits, ToolNames names, List<ContentBlock> movedImages) {
    ContentBlock kept = dropEmpty(block);
    return switch (kept) {
      case null -> null;
      case ContentBlock.ToolUse use ->
          new ContentBlock.ToolUse(use.id(), names.shorten(use.name()), use.input(), use.cacheControl());
      case ContentBlock.ToolResult result when !traits.imagesInToolResults() -> {
        List<ContentBlock> inner = new ArrayList<>();
        for (ContentBlock part : result.content()) {
          if (part instanceof ContentBlock.Image image) {
            movedImages.add(image);
            inner.add(new ContentBlock.Text("[image " + movedImages.size() + " attached below]"));
          } else {
            inner.add(part);
          }
        }
        yield new ContentBlock.ToolResult(result.toolUseId(), List.copyOf(inner), result.isError(), result.cacheControl());
      }
      default -> kept;
    };
  }

  /** The block without empty text; null when nothing is left. Tool results keep their (possibly empty) shell. */
  private static ContentBlock dropEmpty(ContentBlock block) {
    return switch (block) {
      case ContentBlock.Text text -> text.text() == null || text.text().isBlank() ? null : text;
      case ContentBlock.ToolResult result -> {
        List<ContentBlock> inner = new ArrayList<>();
        for (ContentBlock part : result.content() == null ? List.<ContentBlock>of() : result.content()) {
          ContentBlock fixed = dropEmpty(part);
          if (fixed != null) {
            inner.add(fixed);
          }
        }
        yield new ContentBlock.ToolResult(result.toolUseId(), List.copyOf(inner), result.isError(), result.cacheControl());
      }
      default -> block;
    };
  }

  private static List<ContentBlock.Text> dropEmptyText(List<ContentBlock.Text> blocks) {
    return blocks.stream().filter(b -> b.text() != null && !b.text().isBlank()).toList();
  }

  /** Removes the billing line; a block holding only that line disappears. */
  static List<ContentBlock.Text> stripBillingHeader(List<ContentBlock.Text> system) {
    List<ContentBlock.Text> out = new ArrayList<>();
    for (ContentBlock.Text block : system) {
      String text = block.text();
      if (text.startsWith(BILLING_HEADER)) {
        int newline = text.indexOf('\n');
        text = newline < 0 ? "" : text.substring(newline + 1);
      }
      if (!text.isBlank()) {
        out.add(new ContentBlock.Text(text, block.cacheControl(), block.citations()));
      }
    }
    return List.copyOf(out);
  }
}
