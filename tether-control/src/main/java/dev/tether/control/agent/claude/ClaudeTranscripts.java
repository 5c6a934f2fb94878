package dev.tether.control.agent.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import dev.tether.control.agent.Transcript;
import dev.tether.control.agent.TranscriptSource;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.AgentType;
import dev.tether.control.session.ExternalSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claude Code's transcripts: {@code <config dir>/projects/<cwd with / → ->/<session id>.jsonl}, one JSON
 * record per line ({@code type} user or assistant with a Messages-API {@code message}, plus summaries,
 * snapshots and system records; {@code uuid}, {@code timestamp}, {@code cwd}, {@code sessionId},
 * {@code isSidechain} for subagents, {@code isMeta} for text Claude Code writes in the user's name).
 * Malformed lines are skipped, as a half-written last line must be.
 *
 * <p>"Running" means a live process has the session id on its command line ({@code claude --resume ID},
 * Tether's own headless turns), or the file was written in the last {@link #RECENT} (a claude started
 * without {@code --resume} shows its id nowhere but in the file it keeps writing).
 */
public final class ClaudeTranscripts implements TranscriptSource {
  private static final Logger LOG = LoggerFactory.getLogger(ClaudeTranscripts.class);
  static final Duration RECENT = Duration.ofMinutes(2);
  static final int PROMPT_CLIP = 200;

  private final Path configDir;
  private final Clock clock;
  private final Supplier<List<String>> commandLines;

  /**
   * @param configDir Claude Code's config directory ({@code $CLAUDE_CONFIG_DIR}, default {@code ~/.claude})
   * @param commandLines the command lines of live processes (for running detection)
   */
  public ClaudeTranscripts(Path configDir, Clock clock, Supplier<List<String>> commandLines) {
    this.configDir = configDir;
    this.clock = clock;
    this.commandLines = commandLines;
  }

  /** The user's store: {@code $CLAUDE_CONFIG_DIR}, else {@code ~/.claude}; processes read from the OS. */
  public static ClaudeTranscripts forUser(Map<String, String> env) {
    String dir = env.get("CLAUDE_CONFIG_DIR");
    Path root = dir != null && !dir.isBlank() ? Path.of(dir)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".claude");
    return new ClaudeTranscripts(root, Clock.systemUTC(), ClaudeTranscripts::liveCommandLines);
  }

  /** Command lines of the processes this user can see. */
  public static List<String> liveCommandLines() {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.map(p -> p.info().commandLine().orElse("")).filter(c -> !c.isEmpty()).toList();
    }
  }

  @Override
  public AgentType agent() {
    return AgentType.CLAUDE_CODE;
  }

  Path projects() {
    return configDir.resolve("projects");
  }

  @Override
  public List<ExternalSession> list() {
    List<Path> files = transcripts();
    if (files.isEmpty()) {
      return List.of();
    }
    List<String> processes = commandLines.get();
    Instant now = clock.instant();
    List<ExternalSession> found = new ArrayList<>();
    for (Path file : files) {
      try {
        summarize(file, processes, now).ifPresent(found::add);
      } catch (IOException | UncheckedIOException e) {
        LOG.debug("skipping transcript {}: {}", file, e.toString());
      }
    }
    return found;
  }

  @Override
  public Optional<Path> locate(String agentSessionId) {
    if (agentSessionId.contains("/") || agentSessionId.contains("\\") || agentSessionId.startsWith(".")) {
      return Optional.empty();
    }
    return projectDirs().stream().map(d -> d.resolve(agentSessionId + ".jsonl")).filter(Files::isRegularFile)
        .findFirst();
  }

  @Override
  public Transcript read(Path transcript) {
    ClaudeContent content = new ClaudeContent();
    List<Transcript.Entry> entries = new ArrayList<>();
    String[] cwd = new String[1];
    String[] sessionId = new String[1];
    forEachRecord(transcript, record -> {
      if (cwd[0] == null && record.hasNonNull("cwd")) {
        cwd[0] = record.get("cwd").asText();
      }
      if (sessionId[0] == null && record.hasNonNull("sessionId")) {
        sessionId[0] = record.get("sessionId").asText();
      }
      String id = record.path("uuid").asText(null);
      if (id == null) {
        return;
      }
      List<SessionEvent> events = List.of();
      if (!record.path("isSidechain").asBoolean(false)) {
        switch (record.path("type").asText()) {
          case "user" -> events = record.path("isMeta").asBoolean(false) || record.path("isCompactSummary")
              .asBoolean(false) ? List.of() : content.user(record.path("message"), true);
          case "assistant" -> events = content.assistant(record.path("message"));
          default -> { }
        }
      }
      entries.add(new Transcript.Entry(id, events));
    });
    return new Transcript(sessionId[0] != null ? sessionId[0] : stem(transcript), cwd[0], entries);
  }

  private Optional<ExternalSession> summarize(Path file, List<String> processes, Instant now) throws IOException {
    String[] cwd = new String[1];
    String[] sessionId = new String[1];
    String[] first = new String[1];
    String[] last = new String[1];
    Instant[] newest = new Instant[1];
    int[] messages = new int[1];
    Set<String> assistantMessages = new HashSet<>();
    forEachRecord(file, record -> {
      if (cwd[0] == null && record.hasNonNull("cwd")) {
        cwd[0] = record.get("cwd").asText();
      }
      if (sessionId[0] == null && record.hasNonNull("sessionId")) {
        sessionId[0] = record.get("sessionId").asText();
      }
      Instant at = instant(record.path("timestamp").asText(null));
      if (at != null && (newest[0] == null || at.isAfter(newest[0]))) {
        newest[0] = at;
      }
      if (record.path("isSidechain").asBoolean(false) || record.path("isMeta").asBoolean(false)) {
        return;
      }
      switch (record.path("type").asText()) {
        case "user" -> {
          String prompt = ClaudeContent.promptOf(record.path("message"));
          if (prompt != null) {
            messages[0]++;
            if (first[0] == null) {
              first[0] = clip(prompt);
            }
            last[0] = clip(prompt);
          }
        }
        case "assistant" -> {
          // One record per content block, several sharing one message id: count the message once.
          String mid = record.path("message").path("id").asText(record.path("uuid").asText(""));
          if (assistantMessages.add(mid)) {
            messages[0]++;
          }
        }
        default -> { }
      }
    });
    if (messages[0] == 0) {
      return Optional.empty();
    }
    String id = sessionId[0] != null ? sessionId[0] : stem(file);
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    boolean running = modified.isAfter(now.minus(RECENT)) || processes.stream().anyMatch(c -> c.contains(id));
    return Optional.of(new ExternalSession(AgentType.CLAUDE_CODE, id, file.toAbsolutePath().toString(), cwd[0],
        first[0], last[0], messages[0], newest[0] != null ? newest[0] : modified, running, null));
  }

  private List<Path> projectDirs() {
    if (!Files.isDirectory(projects())) {
      return List.of();
    }
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(projects(), Files::isDirectory)) {
      stream.forEach(dirs::add);
    } catch (IOException e) {
      LOG.debug("cannot list {}: {}", projects(), e.toString());
    }
    return dirs;
  }

  /** Top-level {@code *.jsonl} of each project (subagent files live deeper, and are named agent-*). */
  private List<Path> transcripts() {
    List<Path> files = new ArrayList<>();
    for (Path dir : projectDirs()) {
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jsonl")) {
        for (Path p : stream) {
          if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith("agent-")) {
            files.add(p);
          }
        }
      } catch (IOException e) {
        LOG.debug("cannot list {}: {}", dir, e.toString());
      }
    }
    return files;
  }

  private static void forEachRecord(Path file, java.util.function.Consumer<JsonNode> each) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode record;
        try {
          record = ControlJson.MAPPER.readTree(line);
        } catch (IOException e) {
          continue;  // a malformed or half-written line
        }
        if (record != null && record.isObject()) {
          each.accept(record);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
  }

  private static String clip(String prompt) {
    String line = prompt.strip().replace('\n', ' ');
    return line.length() <= PROMPT_CLIP ? line : line.substring(0, PROMPT_CLIP - 1) + "…";
  }
}
