package dev.tether.control.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes synthetic Claude Code transcripts ({@code projects/<cwd slug>/<id>.jsonl}) shaped like 2.1's. */
public final class TranscriptTree {
  private final Path claudeHome;

  public TranscriptTree(Path claudeHome) {
    this.claudeHome = claudeHome;
  }

  /** The transcript file of session {@code id} run in {@code cwd}. */
  public Path file(String cwd, String id) {
    return claudeHome.resolve("projects").resolve(cwd.replaceAll("[^A-Za-z0-9]", "-")).resolve(id + ".jsonl");
  }

  /** Appends raw lines. */
  public Path append(String cwd, String id, String... lines) {
    Path f = file(cwd, id);
    try {
      Files.createDirectories(f.getParent());
      Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  public static String user(String uuid, String session, String cwd, String time, String text) {
    return "{\"parentUuid\":null,\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"" + cwd
        + "\",\"sessionId\":\"" + session + "\",\"version\":\"2.1.197\",\"gitBranch\":\"main\",\"type\":\"user\","
        + "\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"},\"uuid\":\"" + uuid + "\",\"timestamp\":\""
        + time + "\"}";
  }

  public static String meta(String uuid, String session, String cwd, String time, String text) {
    return "{\"isSidechain\":false,\"isMeta\":true,\"cwd\":\"" + cwd + "\",\"sessionId\":\"" + session
        + "\",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"},\"uuid\":\"" + uuid
        + "\",\"timestamp\":\"" + time + "\"}";
  }

  public static String assistantText(String uuid, String messageId, String session, String cwd, String time,
      String text) {
    return assistant(uuid, messageId, session, cwd, time, false, "{\"type\":\"text\",\"text\":\"" + text + "\"}");
  }

  public static String assistant(String uuid, String messageId, String session, String cwd, String time,
      boolean sidechain, String block) {
    return "{\"parentUuid\":\"p\",\"isSidechain\":" + sidechain + ",\"cwd\":\"" + cwd + "\",\"sessionId\":\""
        + session + "\",\"type\":\"assistant\",\"message\":{\"id\":\"" + messageId + "\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[" + block + "],\"stop_reason\":null,"
        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":5}},\"requestId\":\"req_1\",\"uuid\":\"" + uuid
        + "\",\"timestamp\":\"" + time + "\"}";
  }

  public static String toolResult(String uuid, String session, String cwd, String time, String toolUseId,
      String text) {
    return "{\"parentUuid\":\"p\",\"isSidechain\":false,\"cwd\":\"" + cwd + "\",\"sessionId\":\"" + session
        + "\",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"" + toolUseId
        + "\",\"type\":\"tool_result\",\"content\":\"" + text + "\",\"is_error\":false}]},\"uuid\":\"" + uuid
        + "\",\"timestamp\":\"" + time + "\",\"toolUseResult\":{\"stdout\":\"" + text + "\"}}";
  }

  public static String summary(String text) {
    return "{\"type\":\"summary\",\"summary\":\"" + text + "\",\"leafUuid\":\"x\"}";
  }
}
