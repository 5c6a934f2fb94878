package dev.tether.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import dev.tether.control.hook.HookSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeSettingsTest {
  private final ObjectNode ours = HookSettings.of(List.of("/opt/tether"), Duration.ofMinutes(5), Duration.ofMinutes(10))
      .json();

  @TempDir Path dir;

  private static JsonNode settings(List<String> args) throws Exception {
    assertThat(args.get(0)).isEqualTo("--settings");
    assertThat(args.stream().filter(a -> a.startsWith("--settings"))).hasSize(1);
    return Json.MAPPER.readTree(args.get(1));
  }

  @Test
  void withoutTheUsersSettingsOursGoFirst() throws Exception {
    List<String> args = ClaudeSettings.withHooks(List.of("-p", "hi"), ours);
    assertThat(args.subList(2, args.size())).containsExactly("-p", "hi");
    assertThat(settings(args).toString()).isEqualTo(ours.toString());
  }

  @Test
  void theUsersSettingsStringKeepsItsFieldsAndHooksAndGainsOurs() throws Exception {
    String theirs = "{\"model\":\"x\",\"hooks\":{\"PreToolUse\":[{\"matcher\":\"Bash\",\"hooks\":[{\"type\":\"command\","
        + "\"command\":\"mine\"}]}]}}";
    List<String> args = ClaudeSettings.withHooks(List.of("--verbose", "--settings", theirs, "-p", "hi"), ours);
    assertThat(args.subList(2, args.size())).containsExactly("--verbose", "-p", "hi");
    JsonNode merged = settings(args);
    assertThat(merged.get("model").asText()).isEqualTo("x");
    JsonNode pre = merged.get("hooks").get("PreToolUse");
    assertThat(pre).hasSize(2);
    assertThat(pre.get(0).get("hooks").get(0).get("command").asText()).isEqualTo("mine");
    assertThat(pre.get(1).get("hooks").get(0).get("command").asText()).isEqualTo("/opt/tether hook PreToolUse");
    assertThat(merged.get("hooks").get("Stop")).hasSize(1);
  }

  @Test
  void aSettingsFileIsReadAndALaterOneWins() throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, "{\"model\":\"from-file\",\"env\":{\"A\":\"1\"}}");
    List<String> args = ClaudeSettings.withHooks(List.of("--settings=" + file, "--settings", "{\"model\":\"later\"}"),
        ours);
    JsonNode merged = settings(args);
    assertThat(merged.get("model").asText()).isEqualTo("later");
    assertThat(merged.get("env").get("A").asText()).isEqualTo("1");
    assertThat(merged.get("hooks").get("SessionStart")).hasSize(1);
  }

  @Test
  void unreadableSettingsAreAClearError() {
    assertThatThrownBy(() -> ClaudeSettings.withHooks(List.of("--settings", dir.resolve("none.json").toString()), ours))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read claude's --settings file");
    assertThatThrownBy(() -> ClaudeSettings.withHooks(List.of("--settings", "{not json"), ours))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a JSON object");
  }
}
