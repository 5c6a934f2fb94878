package dev.tether.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chat-template conformance corpus (see {@code src/test/resources/chat-templates/README.md}):
 * every expected rendering reproduced byte for byte, every expected error raised with the same
 * class and message.
 */
class TemplateCorpusTest {
  /** The corpus's fixed clock: 2025-01-15 12:00:00. */
  static final Clock FIXED_CLOCK =
      Clock.fixed(LocalDateTime.of(2025, 1, 15, 12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  static final Path CORPUS = resource("/chat-templates");

  /** One expected file: a template rendering one conversation. */
  record Case(String template, String conversation, Path expected) {
    @Override
    public String toString() {
      return template + "/" + conversation;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(CORPUS.resolve("expected"))) {
      for (Path dir : dirs.sorted().toList()) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.sorted().toList()) {
            String name = file.getFileName().toString();
            cases.add(new Case(dir.getFileName().toString(), name.substring(0, name.lastIndexOf('.')), file));
          }
        }
      }
    }
    return cases.stream();
  }

  static Stream<String> templates() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS.resolve("templates"))) {
      return files.map(p -> p.getFileName().toString().replace(".jinja", "")).sorted().toList().stream();
    }
  }

  static List<String> conversations() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS.resolve("conversations"))) {
      return files.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList();
    }
  }

  @Test
  void theCorpusIsAllThere() throws IOException {
    assertThat(templates()).hasSize(67);
    assertThat(conversations()).hasSize(10);
    List<Case> cases = cases().toList();
    assertThat(cases).as("expected files").hasSize(450);
    assertThat(cases).filteredOn(c -> c.expected().toString().endsWith(".error")).hasSize(47);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersEachCaseExactlyAsJinja2Does(Case c) throws IOException {
    String expected = Files.readString(c.expected());
    if (c.expected().toString().endsWith(".txt")) {
      assertThat(render(c.template(), c.conversation())).isEqualTo(expected);
    } else {
      assertThatThrownBy(() -> render(c.template(), c.conversation()))
          .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.describe()).isEqualTo(expected));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void everyTemplateRendersEveryConversationOrRaisesAsATemplate(String template) throws IOException {
    // Also covers the templates whose expectations are held back: no crash of our own, ever.
    for (String conversation : conversations()) {
      Throwable failure = catchThrowable(() -> render(template, conversation));
      assertThat(failure).as(conversation).satisfiesAnyOf(
          f -> assertThat(f).isNull(), f -> assertThat(f).isInstanceOf(TemplateException.class));
    }
  }

  /** Renders a corpus template with a corpus conversation, the tokens of tokens.json and the fixed clock. */
  static String render(String template, String conversation) throws IOException {
    Value.Dict tokens = (Value.Dict) ((Value.Dict) Values.parseJson(Files.readString(CORPUS.resolve("tokens.json"))))
        .get(Value.str(template + ".jinja"));
    ChatTemplate parsed = ChatTemplate.parse(Files.readString(CORPUS.resolve("templates/" + template + ".jinja")));
    Conversation input = Conversation.fromDocument(
        Values.parseJson(Files.readString(CORPUS.resolve("conversations/" + conversation + ".json"))));
    return parsed.render(input, new SpecialTokens(text(tokens.get(Value.str("bos_token"))),
        text(tokens.get(Value.str("eos_token")))), FIXED_CLOCK);
  }

  private static String text(Value token) {
    return token instanceof Value.Str s ? s.value() : null;
  }

  static Path resource(String name) {
    try {
      var url = TemplateCorpusTest.class.getResource(name);
      if (url == null) {
        throw new IllegalStateException("test resource " + name + " is missing: the corpus must be in src/test/resources");
      }
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
