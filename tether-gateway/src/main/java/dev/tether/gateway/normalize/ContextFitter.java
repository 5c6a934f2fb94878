package dev.tether.gateway.normalize;

import dev.tether.api.error.ApiException;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a prompt fit a model's context (PRODUCT.md §1, context management). When the prompt leaves
 * too little room for the answer, the oldest messages go, in this order of preference:
 *
 * <ol>
 *   <li>whole turns from the start of the conversation (a turn begins at a user message that is not
 *       answering a tool call), never the newest turn;
 *   <li>then, when one long agentic turn is all that is left, its oldest tool exchanges (an
 *       assistant {@code tool_use} message with the user {@code tool_result} message answering it),
 *       keeping the turn's opening prompt and its latest exchange.
 * </ol>
 *
 * The system prompt and tools are never touched, and a {@code tool_use} never loses its
 * {@code tool_result}. A note saying what was removed takes the place of the removed messages, so the
 * model knows. When even the smallest prompt does not fit, the answer is 400 {@code prompt is too
 * long} (the wording Claude Code reacts to). Prompts past 75% and 90% of the context are logged.
 */
final class ContextFitter {
  private static final Logger LOG = LoggerFactory.getLogger(ContextFitter.class);
  /** Room kept for the answer when deciding whether to truncate: at most this many tokens. */
  static final int ANSWER_RESERVE = 4096;

  private ContextFitter() {}

  record Fitted(MessagesRequest request, int inputTokens, int droppedMessages) {}

  static Fitted fit(MessagesRequest request, int context, int inputTokens, ToIntFunction<MessagesRequest> count) {
    int reserve = Math.min(request.maxTokens() == null ? ANSWER_RESERVE : request.maxTokens(), ANSWER_RESERVE);
    MessagesRequest fitted = request;
    int tokens = inputTokens;
    int dropped = 0;
    if (inputTokens + reserve > context) {
      List<List<Message>> plans = plans(request.messages());
      int lo = 0;
      int hi = plans.size() - 1;
      int found = -1;
      int foundTokens = 0;
      while (lo <= hi) {  // plans drop more and more: find the first that fits
        int mid = (lo + hi) >>> 1;
        int t = count.applyAsInt(request.withMessages(plans.get(mid)));
        if (t + reserve <= context) {
          found = mid;
          foundTokens = t;
          hi = mid - 1;
        } else {
          lo = mid + 1;
        }
      }
      if (found < 0) {
        int smallest = plans.isEmpty() ? inputTokens : count.applyAsInt(request.withMessages(plans.getLast()));
        if (smallest < context) {
          // Nothing more can go: answer with whatever room is left rather than refuse.
          found = plans.size() - 1;
          foundTokens = smallest;
        }
      }
      if (found >= 0) {
        fitted = request.withMessages(plans.get(found));
        tokens = foundTokens;
        dropped = request.messages().size() - plans.get(found).size();
        LOG.warn("prompt of {} tokens does not fit the {}-token context: dropped {} older messages, {} tokens left",
            inputTokens, context, dropped, tokens);
      }
    }
    if (tokens >= context) {
      throw ApiException.invalidRequest("prompt is too long: " + tokens + " tokens > " + context + " maximum"
          + " (even after dropping older messages; the system prompt, tools and newest turn must fit)");
    }
    warnIfNearlyFull(tokens, context);
    int room = context - tokens;
    if (fitted.maxTokens() != null && fitted.maxTokens() > room) {
      fitted = fitted.withMaxTokens(room);
    }
    return new Fitted(fitted, tokens, dropped);
  }

  private static void warnIfNearlyFull(int tokens, int context) {
    long percent = 100L * tokens / context;
    if (percent >= 90) {
      LOG.warn("prompt uses {}% of the {}-token context ({} tokens): older messages will be dropped soon", percent,
          context, tokens);
    } else if (percent >= 75) {
      LOG.warn("prompt uses {}% of the {}-token context ({} tokens)", percent, context, tokens);
    }
  }

  /**
   * Every valid shortened message list, dropping more each time. Each ends with a note where
   * messages were removed; a list is valid when it starts with a user message and every
   * tool_result still has its tool_use.
   */
  static List<List<Message>> plans(List<Message> messages) {
    int n = messages.size();
    int lastUser = -1;
    for (int i = n - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        lastUser = i;
        break;
      }
    }
    List<List<Message>> plans = new ArrayList<>();
    int turnStart = 0;
    for (int cut = 1; cut <= lastUser; cut++) {
      if (messages.get(cut).role() == Role.USER && !answersToolCall(messages.get(cut))) {
        List<Message> kept = messages.subList(cut, n);
        if (valid(kept)) {
          plans.add(withNote(kept, cut, true));
          turnStart = cut;
        }
      }
    }
    // Inside the newest turn: drop [turnStart + 1, j) for each later assistant message j.
    for (int j = turnStart + 2; j < lastUser; j++) {
      if (messages.get(j).role() != Role.ASSISTANT) {
        continue;
      }
      List<Message> kept = new ArrayList<>();
      kept.add(messages.get(turnStart));
      kept.addAll(messages.subList(j, n));
      if (valid(kept)) {
        plans.add(withNote(kept, n - kept.size(), false));
      }
    }
    return plans;
  }

  private static boolean answersToolCall(Message m) {
    return m.content().stream().anyMatch(b -> b instanceof ContentBlock.ToolResult);
  }

  private static boolean valid(List<Message> kept) {
    if (kept.isEmpty() || kept.getFirst().role() != Role.USER) {
      return false;
    }
    Set<String> uses = new HashSet<>();
    for (Message m : kept) {
      for (ContentBlock b : m.content()) {
        if (b instanceof ContentBlock.ToolUse use) {
          uses.add(use.id());
        } else if (b instanceof ContentBlock.ToolResult result && !uses.contains(result.toolUseId())) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Puts the note in the first kept message: before its content when whole turns went, after it
   * (where the removed exchanges were) when exchanges inside the newest turn went.
   */
  private static List<Message> withNote(List<Message> kept, int dropped, boolean before) {
    ContentBlock note = new ContentBlock.Text("[Tether: " + dropped + " earlier messages were removed to fit the model's context window.]", null, null);
    Message first = kept.getFirst();
    List<ContentBlock> content = new ArrayList<>(first.content());
    if (before) {
      content.addFirst(note);
    } else {
      content.add(note);
    }
    List<Message> out = new ArrayList<>(kept);
    out.set(0, new Message(first.role(), List.copyOf(content)));
    return List.copyOf(out);
  }
}
