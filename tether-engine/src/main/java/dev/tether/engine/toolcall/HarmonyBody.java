package dev.tether.engine.toolcall;

import java.util.List;
import java.util.Optional;

/**
 * The body of a harmony message, up to the token that ends it. A message addressed to a tool is a
 * call and is held whole; other messages stream out as they come: the analysis channel as
 * reasoning, everything else as text.
 */
final class HarmonyBody implements Mode {
  /** Tokens that end a message; the last two start the next one when the model skipped the end. */
  private static final List<String> ENDS =
      List.of(
          HarmonyHeader.END,
          HarmonyHeader.RETURN,
          HarmonyHeader.CALL,
          HarmonyHeader.START,
          HarmonyHeader.CHANNEL);

  private static final int LONGEST_END = HarmonyHeader.CHANNEL.length();

  private final HarmonyHeader header;
  private int searchFrom;

  HarmonyBody(HarmonyHeader header) {
    this.header = header;
  }

  @Override
  public Mode step(Splitter splitter, boolean end) {
    return header.recipient() == null ? flow(splitter, end) : call(splitter, end);
  }

  private Mode flow(Splitter splitter, boolean end) {
    Input in = splitter.in;
    if (in.length() == 0) {
      return null;
    }
    MarkerScan.Hit hit = MarkerScan.find(in, ENDS);
    if (!hit.complete()) {
      int emit = end ? in.length() : hit.index();
      emit(splitter, in.take(emit));
      return emit > 0 ? this : null;
    }
    emit(splitter, in.take(hit.index()));
    return closed(in, hit.marker());
  }

  private Mode call(Splitter splitter, boolean end) {
    Input in = splitter.in;
    int stop = -1;
    String token = null;
    for (String candidate : ENDS) {
      int at = in.indexOf(candidate, searchFrom);
      if (at >= 0 && (stop < 0 || at < stop)) {
        stop = at;
        token = candidate;
      }
    }
    if (stop > splitter.maxBlockChars || (stop < 0 && in.length() > splitter.maxBlockChars)) {
      // Too long for a call: give up on it and let the body flow out as text.
      return new HarmonyBody(new HarmonyHeader(header.channel(), null));
    }
    if (stop < 0) {
      if (!end) {
        searchFrom = Math.max(0, in.length() - LONGEST_END + 1);
        return null;
      }
      stop = in.length();
    }
    String body = in.take(stop);
    Optional<String> arguments = Calls.argumentsFromText(body.strip());
    String name = header.toolName();
    if (arguments.isPresent() && !name.isEmpty() && splitter.accepts(name)) {
      splitter.calls(List.of(new Segment.ToolCall(name, arguments.get())));
    } else {
      splitter.text(body);
    }
    return token == null ? new TextMode() : closed(in, token);
  }

  private void emit(Splitter splitter, String text) {
    if (header.channel().equals("analysis")) {
      splitter.reasoning(text);
    } else {
      splitter.text(text);
    }
  }

  /** Consumes a real end token; a token that opens the next message stays for the text mode. */
  private static Mode closed(Input in, String token) {
    if (!token.equals(HarmonyHeader.START) && !token.equals(HarmonyHeader.CHANNEL)) {
      in.skip(token.length());
    }
    return new TextMode();
  }
}
