package dev.tether.control.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookSettingsTest {
  private final HookSettings settings = HookSettings.of(List.of("/opt/my tether/tether"), Duration.ofMinutes(5),
      Duration.ofMinutes(10));

  @Test
  void everyEventRunsTetherHookWithTheEventName() {
    JsonNode hooks = ControlJson.parse(settings.text()).get("hooks");
    assertThat(hooks.size()).isEqualTo(7);
    for (String event : HookSettings.EVENTS) {
      JsonNode hook = hooks.get(event).get(0).get("hooks").get(0);
      assertThat(hook.get("type").asText()).isEqualTo("command");
      assertThat(hook.get("command").asText()).isEqualTo("'/opt/my tether/tether' hook " + event);
    }
  }

  @Test
  void toolEventsMatchEveryToolAndOthersTakeNoMatcher() {
    JsonNode hooks = settings.json().get("hooks");
    assertThat(hooks.get("PreToolUse").get(0).get("matcher").asText()).isEqualTo("*");
    assertThat(hooks.get("PostToolUse").get(0).get("matcher").asText()).isEqualTo("*");
    assertThat(hooks.get("Stop").get(0).has("matcher")).isFalse();
    assertThat(hooks.get("SessionStart").get(0).has("matcher")).isFalse();
  }

  @Test
  void waitingHooksOutliveTheirWaitsAndTheRestAreQuick() {
    JsonNode hooks = settings.json().get("hooks");
    assertThat(timeout(hooks, "PreToolUse")).isEqualTo(300 + 60);
    assertThat(timeout(hooks, "Stop")).isEqualTo(600 + 60);
    assertThat(timeout(hooks, "PostToolUse")).isEqualTo(30);
    assertThat(timeout(hooks, "SessionEnd")).isEqualTo(30);
  }

  @Test
  void wordsAreQuotedForTheShellOnlyWhenNeeded() {
    assertThat(HookSettings.quote("/usr/bin/java")).isEqualTo("/usr/bin/java");
    assertThat(HookSettings.quote("--add-modules=jdk.incubator.vector")).isEqualTo("--add-modules=jdk.incubator.vector");
    assertThat(HookSettings.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(HookSettings.quote("")).isEqualTo("''");
    assertThat(HookSettings.quote("a;rm -rf /")).isEqualTo("'a;rm -rf /'");
  }

  @Test
  void anEmptyCommandIsRefused() {
    assertThatThrownBy(() -> HookSettings.of(List.of(), Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HookSettings(" ", Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long timeout(JsonNode hooks, String event) {
    return hooks.get(event).get(0).get("hooks").get(0).get("timeout").asLong();
  }
}
