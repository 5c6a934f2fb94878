package dev.tether.control.agent;

import static dev.tether.control.agent.TranscriptTree.assistant;
import static dev.tether.control.agent.TranscriptTree.assistantText;
import static dev.tether.control.agent.TranscriptTree.meta;
import static dev.tether.control.agent.TranscriptTree.summary;
import static dev.tether.control.agent.TranscriptTree.toolResult;
import static dev.tether.control.agent.TranscriptTree.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.control.agent.claude.ClaudeTranscripts;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.ExternalSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery and reading of Claude Code transcripts over synthetic {@code ~/.claude/projects} trees. */
class ClaudeTranscriptsTest {
  static final String A = "aaaaaaaa-1111-4000-8000-000000000001";
  static final String B = "bbbbbbbb-2222-4000-8000-000000000002";
  static final String EMPTY = "cccccccc-3333-4000-8000-000000000003";
  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @TempDir Path home;
  TranscriptTree tree;

  @BeforeEach
  void writeTree() throws Exception {
    tree = new TranscriptTree(home);
    Path a = tree.append("/work/alpha", A,
        summary("Alpha work"),
        user("u1", A, "/work/alpha", "2026-11-20T10:00:00.000Z", "fix the build"),
        meta("u2", A, "/work/alpha", "2026-11-20T10:00:01.000Z", "Caveat: injected by claude"),
        assistant("u3", "msg_1", A, "/work/alpha", "2026-11-20T10:00:02.000Z", false,
            "{\"type\":\"thinking\",\"thinking\":\"Look at the pom.\",\"signature\":\"s\"}"),
        assistant("u4", "msg_1", A, "/work/alpha", "2026-11-20T10:00:03.000Z", false,
            "{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"Bash\",\"input\":{\"command\":\"mvn -q verify\"}}"),
        "{this line is not json",
        toolResult("u5", A, "/work/alpha", "2026-11-20T10:00:04.000Z", "toolu_9", "BUILD OK"),
        assistantText("u6", "msg_2", A, "/work/alpha", "2026-11-20T10:00:05.000Z", "The build passes."),
        user("u7", A, "/work/alpha", "2026-11-20T11:30:00.000Z", "<command-name>/clear</command-name>"),
        user("u8", A, "/work/alpha", "2026-11-20T11:31:00.000Z", "now add a test"),
        assistantText("u9", "msg_3", A, "/work/alpha", "2026-11-20T11:32:00.000Z", "Added one."),
        "{\"type\":\"assistant\",\"uuid\":\"half-writ");
    Path b = tree.append("/work/beta", B,
        user("v1", B, "/work/beta", "2026-11-21T09:00:00.000Z", "explain the parser"),
        assistant("v2", "msg_s", B, "/work/beta", "2026-11-21T09:00:01.000Z", true,
            "{\"type\":\"text\",\"text\":\"subagent chatter\"}"),
        assistantText("v3", "msg_b", B, "/work/beta", "2026-11-21T09:00:02.000Z", "It reads tokens."));
    Path empty = tree.append("/work/beta", EMPTY, summary("nothing else"));
    Path subagent = tree.append("/work/beta", "agent-1234",
        user("w1", "x", "/work/beta", "2026-11-21T09:00:00.000Z", "a subagent's prompt"));
    for (Path p : List.of(a, b, empty, subagent)) {
      Files.setLastModifiedTime(p, FileTime.from(NOW.minusSeconds(3600)));
    }
  }

  private ClaudeTranscripts source(List<String> processes) {
    return new ClaudeTranscripts(home, Clock.fixed(NOW, ZoneOffset.UTC), () -> processes);
  }

  private static Map<String, ExternalSession> byId(List<ExternalSession> list) {
    return list.stream().collect(Collectors.toMap(ExternalSession::agentSessionId, Function.identity()));
  }

  @Test
  void findsEachConversationWithItsDirectoryPromptsCountsAndTimes() {
    Map<String, ExternalSession> found = byId(source(List.of()).list());
    assertThat(found).containsOnlyKeys(A, B);
    ExternalSession a = found.get(A);
    assertThat(a.directory()).isEqualTo("/work/alpha");
    assertThat(a.firstPrompt()).isEqualTo("fix the build");
    assertThat(a.lastPrompt()).isEqualTo("now add a test");
    // two prompts, and msg_1 (two records), msg_2, msg_3: markers, meta and tool results do not count
    assertThat(a.messageCount()).isEqualTo(5);
    assertThat(a.lastActivity()).isEqualTo(Instant.parse("2026-11-20T11:32:00Z"));
    assertThat(a.path()).isEqualTo(tree.file("/work/alpha", A).toString());
    assertThat(a.running()).isFalse();
    ExternalSession b = found.get(B);
    assertThat(b.messageCount()).as("the side chain is a subagent's").isEqualTo(2);
  }

  @Test
  void aSessionIsRunningWhenAProcessNamesItOrItsFileWasJustWritten() throws Exception {
    Map<String, ExternalSession> found = byId(source(List.of("/usr/bin/claude --resume " + B)).list());
    assertThat(found.get(B).running()).isTrue();
    assertThat(found.get(A).running()).isFalse();
    Files.setLastModifiedTime(tree.file("/work/alpha", A), FileTime.from(NOW.minusSeconds(30)));
    assertThat(byId(source(List.of()).list()).get(A).running()).isTrue();
  }

  @Test
  void readsATranscriptAsEventsKeyedByRecordIds() {
    ClaudeTranscripts source = source(List.of());
    Transcript t = source.read(source.locate(A).orElseThrow());
    assertThat(t.agentSessionId()).isEqualTo(A);
    assertThat(t.directory()).isEqualTo("/work/alpha");
    assertThat(t.entries()).extracting(Transcript.Entry::id)
        .containsExactly("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9");
    assertThat(t.lastId()).isEqualTo("u9");
    List<SessionEvent> events = t.entries().stream().flatMap(e -> e.events().stream()).toList();
    assertThat(events).containsExactly(
        new SessionEvent.UserInput("fix the build", "transcript"),
        new SessionEvent.Output("Look at the pom.", "thinking", null,
            List.of(new SessionEvent.Segment("thinking", "Look at the pom.", null))),
        new SessionEvent.Output("Bash mvn -q verify", "tool_call", null,
            List.of(new SessionEvent.Segment("tool_call", "{\"command\":\"mvn -q verify\"}", "Bash"))),
        new SessionEvent.Output("BUILD OK", "tool_result", null,
            List.of(new SessionEvent.Segment("tool_result", "BUILD OK", "Bash"))),
        new SessionEvent.Output("The build passes.", "step", null, null),
        new SessionEvent.UserInput("now add a test", "transcript"),
        new SessionEvent.Output("Added one.", "step", null, null));
  }

  @Test
  void historyMarksTheLastTextBeforeEachPromptFinal() {
    ClaudeTranscripts source = source(List.of());
    List<SessionEvent> history = Attachments.history(source.read(source.locate(A).orElseThrow()).entries());
    assertThat(history).filteredOn(e -> e instanceof SessionEvent.Output o && Boolean.TRUE.equals(o.isFinal()))
        .extracting(e -> ((SessionEvent.Output) e).text()).containsExactly("The build passes.", "Added one.");
  }

  @Test
  void locatesOnlyPlainIdsAndAnEmptyOrMissingStoreFindsNothing() {
    assertThat(source(List.of()).locate(B)).contains(tree.file("/work/beta", B));
    assertThat(source(List.of()).locate("../" + B)).isEmpty();
    assertThat(source(List.of()).locate("nope")).isEmpty();
    assertThat(new ClaudeTranscripts(home.resolve("missing"), Clock.systemUTC(), List::of).list()).isEmpty();
  }

  @Test
  void theConfigDirComesFromClaudeConfigDirElseHome() {
    assertThat(ClaudeTranscripts.forUser(Map.of("CLAUDE_CONFIG_DIR", home.toString())).list()).hasSize(2);
    assertThat(ClaudeTranscripts.forUser(Map.of("HOME", home.resolve("nobody").toString())).list()).isEmpty();
  }
}
