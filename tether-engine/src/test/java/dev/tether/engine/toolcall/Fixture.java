package dev.tether.engine.toolcall;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A model output and the segments it must split into, shared by the per-format tests and the
 * chunking property test.
 */
record Fixture(
    String name,
    Set<ToolCallFormat> formats,
    Set<String> tools,
    ToolCallExtractor.Options options,
    String input,
    List<Segment> expected) {

  static final Set<ToolCallFormat> ALL = EnumSet.allOf(ToolCallFormat.class);

  static Fixture of(String name, Set<ToolCallFormat> formats, String input, Segment... expected) {
    return new Fixture(
        name, formats, Set.of(), ToolCallExtractor.Options.defaults(), input, List.of(expected));
  }

  Fixture offering(String... names) {
    return new Fixture(name, formats, Set.of(names), options, input, expected);
  }

  Fixture startingInReasoning() {
    return new Fixture(
        name, formats, tools, options.withStartsInReasoning(true), input, expected);
  }

  ToolCallExtractor extractor() {
    return new ToolCallExtractor(formats, tools, options);
  }

  /** The input in one piece. */
  List<Segment> whole() {
    return run(extractor(), List.of(input));
  }

  /** The input one character (UTF-16 unit) at a time. */
  List<Segment> charByChar() {
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < input.length(); i++) {
      chunks.add(input.substring(i, i + 1));
    }
    return run(extractor(), chunks);
  }

  /** The input cut at random places, with some empty chunks. */
  List<Segment> randomChunks(long seed) {
    Random random = new Random(seed);
    List<String> chunks = new ArrayList<>();
    int at = 0;
    while (at < input.length()) {
      int size = Math.min(input.length() - at, random.nextInt(random.nextBoolean() ? 4 : 24));
      chunks.add(input.substring(at, at + size));
      at += size;
    }
    return run(extractor(), chunks);
  }

  @Override
  public String toString() {
    return name;
  }

  static List<Segment> run(ToolCallExtractor extractor, List<String> chunks) {
    List<Segment> segments = new ArrayList<>();
    for (String chunk : chunks) {
      segments.addAll(extractor.feed(chunk));
    }
    segments.addAll(extractor.finish());
    return merged(segments);
  }

  /** Joins adjacent text (and adjacent reasoning), whose splitting carries no meaning. */
  static List<Segment> merged(List<Segment> segments) {
    List<Segment> out = new ArrayList<>();
    for (Segment segment : segments) {
      Segment last = out.isEmpty() ? null : out.getLast();
      switch (segment) {
        case Segment.Text(String text) when last instanceof Segment.Text(String before) ->
            out.set(out.size() - 1, new Segment.Text(before + text));
        case Segment.Reasoning(String text) when last instanceof Segment.Reasoning(String before) ->
            out.set(out.size() - 1, new Segment.Reasoning(before + text));
        default -> out.add(segment);
      }
    }
    return out;
  }

  static Segment text(String text) {
    return new Segment.Text(text);
  }

  static Segment reasoning(String text) {
    return new Segment.Reasoning(text);
  }

  static Segment call(String name, String argumentsJson) {
    return new Segment.ToolCall(name, argumentsJson);
  }
}
