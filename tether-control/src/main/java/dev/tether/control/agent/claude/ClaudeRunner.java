package dev.tether.control.agent.claude;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.ControlJson;
import dev.tether.control.agent.AgentRunner;
import dev.tether.control.agent.TurnRequest;
import dev.tether.control.session.AgentType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claude Code headless: {@code claude -p --input-format stream-json --output-format stream-json --verbose}
 * in the session's directory, the prompt written to stdin (a pipe: with a file claude reads nothing) as a
 * stream-json user message, {@code --resume <id>} from the second turn on. The hooks' settings go in
 * {@code --settings} (merged by claude with the user's own); the environment tells the hooks which Tether
 * session they serve ({@code TETHER_URL}, {@code TETHER_TOKEN}, {@code TETHER_SESSION},
 * {@code TETHER_HOOK_REMOTE=1}: tools always wait for a remote decision per the session's approval mode).
 *
 * @param claude the executable
 * @param extraArgs always passed after Tether's own (the user's {@code claude.args})
 * @param environment set on top of Tether's own environment: empty to use the user's normal account,
 *     or the gateway's {@code ANTHROPIC_*} variables to use Tether's models
 * @param removed variables taken out of the inherited environment first
 * @param hookSettings the {@code --settings} JSON with Tether's hooks, or null for none
 * @param tetherUrl the server the hooks report to
 * @param tetherToken its token, or null when it needs none
 */
public record ClaudeRunner(Path claude, List<String> extraArgs, Map<String, String> environment, List<String> removed,
    String hookSettings, String tetherUrl, String tetherToken) implements AgentRunner {

  /**
   * Variables a claude that started Tether would pass on, which would make the child think it is nested
   * inside that one.
   */
  static final List<String> NESTING = List.of("CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT", "CLAUDE_CODE_SESSION_ID",
      "CLAUDE_CODE_CHILD_SESSION", "CLAUDE_PROJECT_DIR", "CLAUDE_ENV_FILE", "TETHER_SESSION", "TETHER_HOOK_REMOTE");

  public ClaudeRunner {
    extraArgs = List.copyOf(extraArgs);
    environment = Map.copyOf(environment);
    removed = List.copyOf(removed);
  }

  @Override
  public AgentType agent() {
    return AgentType.CLAUDE_CODE;
  }

  @Override
  public ProcessBuilder command(TurnRequest turn) {
    List<String> command = new ArrayList<>(List.of(claude.toString(), "-p", "--input-format", "stream-json",
        "--output-format", "stream-json", "--verbose"));
    if (turn.resumeId() != null) {
      command.add("--resume");
      command.add(turn.resumeId());
    }
    if (hookSettings != null) {
      command.add("--settings");
      command.add(hookSettings);
    }
    command.addAll(extraArgs);
    ProcessBuilder pb = new ProcessBuilder(command).directory(turn.directory().toFile());
    Map<String, String> env = pb.environment();
    NESTING.forEach(env::remove);
    removed.forEach(env::remove);
    env.putAll(environment);
    env.put("TETHER_URL", tetherUrl);
    env.put("TETHER_SERVER", tetherUrl);  // the hook client prefers it: an inherited one must not win
    if (tetherToken != null) {
      env.put("TETHER_TOKEN", tetherToken);
    } else {
      env.remove("TETHER_TOKEN");
    }
    env.put("TETHER_SESSION", turn.sessionId());
    env.put("TETHER_HOOK_REMOTE", "1");
    return pb;
  }

  @Override
  public String stdinLine(String prompt) {
    ObjectNode line = ControlJson.MAPPER.createObjectNode();
    line.put("type", "user");
    ObjectNode message = line.putObject("message");
    message.put("role", "user");
    message.put("content", prompt);
    line.putNull("parent_tool_use_id");
    line.put("session_id", "");
    return ControlJson.write(line);
  }

  @Override
  public LineReader reader() {
    return new StreamJsonReader();
  }
}
