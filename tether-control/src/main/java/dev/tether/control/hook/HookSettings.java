package dev.tether.control.hook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings object Tether passes to claude with {@code --settings <json>}: for each event in
 * {@link #EVENTS}, one command hook running {@code <tether command> hook <Event>}. Claude merges this
 * object over the user's own settings files and runs the hooks of every source, so the user's hooks
 * keep working and their files are never touched.
 *
 * <p>The timeouts matter. Claude kills a hook that overruns and treats that as a non-blocking error, and
 * for PreToolUse a non-blocking error means the tool runs. So the PreToolUse hook must outlive the
 * longest approval wait, and Stop must outlive the wait for a remote message; each gets the wait plus
 * {@link #MARGIN}. The other events answer at once and get {@link #QUICK}.
 *
 * @param command the shell command that runs tether (claude runs hooks through a shell), e.g.
 *     {@code '/opt/tether/tether'} or {@code '/usr/bin/java' '-jar' '/opt/tether.jar'}
 * @param approvalWait how long an away-mode approval may wait for an answer
 * @param stopWait how long an away-mode Stop may wait for a remote message
 */
public record HookSettings(String command, Duration approvalWait, Duration stopWait) {
  /** The events Tether hooks, in the order a session meets them. */
  public static final List<String> EVENTS = List.of(
      "SessionStart", "UserPromptSubmit", "PreToolUse", "PostToolUse", "Notification", "Stop", "SessionEnd");

  /** The variable the {@code ./tether} script sets to its own absolute path. */
  public static final String COMMAND_VARIABLE = "TETHER_COMMAND";

  /** Time given to a hook that only reports. */
  public static final Duration QUICK = Duration.ofSeconds(30);

  /** Added to a wait so the server's answer (deny on timeout) arrives before claude gives up on the hook. */
  public static final Duration MARGIN = Duration.ofSeconds(60);

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  public HookSettings {
    Objects.requireNonNull(command, "command");
    if (command.isBlank()) {
      throw new IllegalArgumentException("the tether command must not be empty");
    }
    Objects.requireNonNull(approvalWait, "approvalWait");
    Objects.requireNonNull(stopWait, "stopWait");
  }

  /** Settings running {@code argv} (quoted for the shell), e.g. {@code [/usr/bin/java, -jar, /x/tether.jar]}. */
  public static HookSettings of(List<String> argv, Duration approvalWait, Duration stopWait) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("the tether command must not be empty");
    }
    return new HookSettings(String.join(" ", argv.stream().map(HookSettings::quote).toList()), approvalWait,
        stopWait);
  }

  /** The hook command line for one event. */
  public String commandFor(String event) {
    return command + " hook " + event;
  }

  /** How long claude lets the hook for {@code event} run. */
  public Duration timeoutFor(String event) {
    return switch (event) {
      case "PreToolUse" -> approvalWait.plus(MARGIN);
      case "Stop" -> stopWait.plus(MARGIN);
      default -> QUICK;
    };
  }

  /** The settings object: {@code {"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [{…}]}], …}}}. */
  public ObjectNode json() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode hooks = f.objectNode();
    for (String event : EVENTS) {
      ObjectNode hook = f.objectNode()
          .put("type", "command")
          .put("command", commandFor(event))
          .put("timeout", Math.max(1, timeoutFor(event).toSeconds()));
      ObjectNode group = f.objectNode();
      if (event.equals("PreToolUse") || event.equals("PostToolUse")) {
        group.put("matcher", "*"); // every tool; events without tools take no matcher
      }
      group.set("hooks", f.arrayNode().add(hook));
      ArrayNode groups = f.arrayNode().add(group);
      hooks.set(event, groups);
    }
    ObjectNode root = f.objectNode();
    root.set("hooks", hooks);
    return root;
  }

  /** {@link #json()} as compact text, ready to pass as {@code --settings <text>}. */
  public String text() {
    return json().toString();
  }

  /** {@code word} quoted for a POSIX shell where it needs it. */
  static String quote(String word) {
    if (!word.isEmpty() && SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
