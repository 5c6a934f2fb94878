package dev.tether.control.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** Claude Code's permission syntax, as Tether matches it. */
class RulePatternTest {
  private static JsonNode bash(String command) {
    return JsonNodeFactory.instance.objectNode().put("command", command);
  }

  private static JsonNode file(String path) {
    return JsonNodeFactory.instance.objectNode().put("file_path", path);
  }

  private static boolean matches(String rule, String tool, JsonNode input) {
    return RulePattern.parse(rule).matches(tool, input, "/work/app");
  }

  @Test
  void aBareToolNameMatchesEveryUseOfIt() {
    assertThat(matches("Bash", "Bash", bash("rm -rf /"))).isTrue();
    assertThat(matches("Bash(*)", "Bash", bash("anything"))).isTrue();
    assertThat(matches("Bash", "Read", file("/x"))).isFalse();
    assertThat(matches("*", "WebSearch", null)).isTrue();
  }

  @Test
  void bashPrefixRulesMatchAtAWordBoundary() {
    assertThat(matches("Bash(npm test:*)", "Bash", bash("npm test"))).isTrue();
    assertThat(matches("Bash(npm test:*)", "Bash", bash("npm test --watch"))).isTrue();
    assertThat(matches("Bash(npm test:*)", "Bash", bash("npm testing"))).isFalse();
    assertThat(matches("Bash(npm test:*)", "Bash", bash("npx npm test"))).isFalse();
  }

  @Test
  void bashExactRulesMatchOnlyThatCommand() {
    assertThat(matches("Bash(npm run build)", "Bash", bash("npm run build"))).isTrue();
    assertThat(matches("Bash(npm run build)", "Bash", bash("npm run build --prod"))).isFalse();
  }

  @Test
  void bashWildcardsMatchAnyRunAndATrailingOneMayMatchNothing() {
    assertThat(matches("Bash(git * main)", "Bash", bash("git push origin main"))).isTrue();
    assertThat(matches("Bash(git * main)", "Bash", bash("git push origin dev"))).isFalse();
    assertThat(matches("Bash(ls *)", "Bash", bash("ls"))).isTrue();
    assertThat(matches("Bash(ls *)", "Bash", bash("ls -la"))).isTrue();
    assertThat(matches("Bash(ls *)", "Bash", bash("lsof"))).isFalse();
  }

  @Test
  void compoundCommandsMatchOnlyIfEveryPartDoes() {
    assertThat(matches("Bash(npm test:*)", "Bash", bash("npm test && rm -rf /"))).isFalse();
    assertThat(matches("Bash(npm test:*)", "Bash", bash("npm test; npm test --ci"))).isTrue();
    assertThat(matches("Bash(git:*)", "Bash", bash("git log | head"))).isFalse();
    assertThat(matches("Bash(echo:*)", "Bash", bash("echo $(cat ~/.ssh/id_rsa)"))).isFalse();
    assertThat(matches("Bash(echo:*)", "Bash", bash("echo `id`"))).isFalse();
  }

  @Test
  void fileRulesUseGitignoreStylePathsRelativeToTheSessionDirectory() {
    assertThat(matches("Read(src/**)", "Read", file("/work/app/src/main/App.java"))).isTrue();
    assertThat(matches("Read(src/**)", "Read", file("src/App.java"))).isTrue();
    assertThat(matches("Read(src/**)", "Read", file("/work/app/test/AppTest.java"))).isFalse();
    assertThat(matches("Read(src/**)", "Read", file("/work/app/src/../../../etc/passwd"))).isFalse();
    assertThat(matches("Edit(/docs/**)", "Edit", file("/work/app/docs/a.md"))).isTrue();
    assertThat(matches("Read(*.env)", "Read", file("/work/app/deep/env.txt"))).isFalse();
    assertThat(matches("Read(*.env)", "Read", file("/work/app/deep/prod.env"))).isTrue();
    assertThat(matches("Read(*.env)", "Read", file("/work/app/prod.env"))).isTrue();
    assertThat(matches("Read(//etc/**)", "Read", file("/etc/hosts"))).isTrue();
    assertThat(matches("Read(~/notes/*)", "Read", file(System.getProperty("user.home") + "/notes/a.txt"))).isTrue();
  }

  @Test
  void editRulesCoverEveryEditingToolAndReadRulesEveryReadingOne() {
    assertThat(matches("Edit", "Write", file("/work/app/x"))).isTrue();
    assertThat(matches("Edit(src/**)", "MultiEdit", file("/work/app/src/x"))).isTrue();
    assertThat(matches("Read", "Grep", null)).isTrue();
    assertThat(matches("Read", "Edit", file("/work/app/x"))).isFalse();
  }

  @Test
  void webFetchRulesMatchADomainAndItsSubdomains() {
    JsonNode url = JsonNodeFactory.instance.objectNode().put("url", "https://docs.example.com/a");
    assertThat(matches("WebFetch(domain:example.com)", "WebFetch", url)).isTrue();
    assertThat(matches("WebFetch(domain:other.com)", "WebFetch", url)).isFalse();
    JsonNode sneaky = JsonNodeFactory.instance.objectNode().put("url", "https://example.com.evil.io/");
    assertThat(matches("WebFetch(domain:example.com)", "WebFetch", sneaky)).isFalse();
  }

  @Test
  void mcpRulesMatchAServerOrOneOfItsTools() {
    assertThat(matches("mcp__github", "mcp__github__create_issue", null)).isTrue();
    assertThat(matches("mcp__github", "mcp__gitlab__x", null)).isFalse();
    assertThat(matches("mcp__github__*", "mcp__github__list", null)).isTrue();
    assertThat(matches("mcp__github__list", "mcp__github__list", null)).isTrue();
  }

  @Test
  void specifiersOfToolsTetherCannotInspectNeverMatch() {
    assertThat(matches("WebSearch(cats)", "WebSearch", JsonNodeFactory.instance.objectNode().put("query", "cats"))).isFalse();
  }

  @Test
  void badPatternsAreRefusedWithAHint() {
    assertThatThrownBy(() -> RulePattern.parse("Bash(npm")).hasMessageContaining("Tool(specifier)");
    assertThatThrownBy(() -> RulePattern.parse(" ")).hasMessageContaining("empty");
    assertThat(RulePattern.parse(" Bash(npm test:*) ").toString()).isEqualTo("Bash(npm test:*)");
  }
}
