package dev.tether.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Config load(Map<String, String> env, Map<String, Object> flags) {
    return ConfigLoader.load(dir, env, flags);
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  @Test
  void withoutFilesEveryValueIsTheBuiltInDefault() {
    Config c = load(Map.of(), Map.of());
    assertThat(c.string(Schema.SERVER_HOST)).isEqualTo("127.0.0.1");
    assertThat(c.integer(Schema.SERVER_PORT)).isEqualTo(8787);
    assertThat(c.tokens(Schema.MODEL_MAX_CONTEXT)).isEqualTo(65536);
    assertThat(c.duration(Schema.CLAUDE_API_TIMEOUT)).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.source(Schema.SERVER_PORT)).isEqualTo(new Source.Default());
    assertThat(c.files()).isEmpty();
  }

  @Test
  void eachLayerWinsOverTheOneBelow() throws IOException {
    write("config.toml", "[server]\nport = 1001\nhost = \"127.0.0.2\"\nlog_level = \"warn\"\n[model]\nmax_context = \"32k\"\n");
    write("10-machine.toml", "[server]\nport = 1002\nhost = \"127.0.0.3\"\n");
    write("20-work.toml", "[server]\nport = 1003\n");
    Config files = load(Map.of(), Map.of());
    assertThat(files.integer(Schema.SERVER_PORT)).isEqualTo(1003);
    assertThat(files.source(Schema.SERVER_PORT)).isEqualTo(new Source.FileLine(dir.resolve("20-work.toml"), 2));
    assertThat(files.string(Schema.SERVER_HOST)).isEqualTo("127.0.0.3");
    assertThat(files.string(Schema.SERVER_LOG_LEVEL)).isEqualTo("warn");
    assertThat(files.tokens(Schema.MODEL_MAX_CONTEXT)).isEqualTo(32768);
    assertThat(files.files()).extracting(p -> p.getFileName().toString())
        .containsExactly("config.toml", "10-machine.toml", "20-work.toml");

    Config env = load(Map.of("TETHER_PORT", "1004"), Map.of());
    assertThat(env.integer(Schema.SERVER_PORT)).isEqualTo(1004);
    assertThat(env.source(Schema.SERVER_PORT)).isEqualTo(new Source.Environment("TETHER_PORT"));

    Config flags = load(Map.of("TETHER_PORT", "1004"), Map.of(Schema.SERVER_PORT, "1005"));
    assertThat(flags.integer(Schema.SERVER_PORT)).isEqualTo(1005);
    assertThat(flags.source(Schema.SERVER_PORT)).isEqualTo(new Source.Flag("--port"));
  }

  @Test
  void dotfilesOtherExtensionsAndFoldersAreIgnored() throws IOException {
    write(".hidden.toml", "[server]\nport = 1\n");
    write("notes.txt", "not toml at all [");
    write("config.toml.bak", "[server]\nport = 2\n");
    Files.createDirectories(dir.resolve("sub.toml"));
    assertThat(load(Map.of(), Map.of()).integer(Schema.SERVER_PORT)).isEqualTo(8787);
  }

  @Test
  void invalidTomlNamesTheFileAndLine() throws IOException {
    write("config.toml", "[server]\nport = 1\nhost = \"unterminated\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(dir.resolve("config.toml") + ":3:")
        .hasMessageContaining("invalid TOML");
  }

  @Test
  void anUnknownKeyIsAnErrorWithASuggestion() throws IOException {
    write("config.toml", "[server]\nhost = \"127.0.0.1\"\nprot = 9000\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(dir.resolve("config.toml") + ":3: unknown key 'server.prot'")
        .hasMessageContaining("did you mean 'server.port'?");
  }

  @Test
  void anUnknownSectionIsAnError() throws IOException {
    write("10-x.toml", "[sever]\nport = 1\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .hasMessageContaining("10-x.toml:1: unknown section 'sever' (did you mean 'server'?)");
  }

  @Test
  void aWrongTypeNamesFileLineKeyAndWhatWasExpected() throws IOException {
    write("config.toml", "[server]\n\nport = \"eighty\"\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .hasMessage(dir.resolve("config.toml") + ":3: server.port must be an integer, got the string \"eighty\"");
    write("config.toml", "[routes]\nrules = [\"a=b\", 3]\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .hasMessageContaining("config.toml:2: routes.rules must be a list of strings, but item 2 is not a string");
    write("config.toml", "[model]\nmax_context = \"lots\"\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .hasMessageContaining("config.toml:2: model.max_context is invalid: 'lots' is not a token count");
  }

  @Test
  void badEnvironmentAndFlagValuesNameTheirOrigin() {
    assertThatThrownBy(() -> load(Map.of("TETHER_PORT", "x"), Map.of()))
        .hasMessage("environment variable TETHER_PORT (server.port) must be an integer, got 'x'");
    assertThatThrownBy(() -> load(Map.of(), Map.of(Schema.MODEL_MAX_CONTEXT, "big")))
        .hasMessageStartingWith("--max-context (model.max_context) is invalid: 'big' is not a token count");
  }

  @Test
  void backendsAreTablesMergedKeyByKeyAcrossFiles() throws IOException {
    write("config.toml", """
        [backends.ollama]
        type = "openai"
        urls = ["http://localhost:11434/v1"]
        context_length = "32k"
        [backends.ollama.models]
        "fast" = "qwen2.5-coder:1.5b"
        [backends.vllm]
        type = "openai"
        urls = ["http://gpu:8000/v1"]
        """);
    write("50-override.toml", "[backends.ollama]\nurls = [\"http://other:11434/v1\"]\n[backends.ollama.models]\n\"big.one\" = \"qwen3:32b\"\n");
    Config c = load(Map.of(), Map.of());
    assertThat(c.backendNames()).containsExactly("ollama", "vllm");
    assertThat(c.strings("backends.ollama.urls")).containsExactly("http://other:11434/v1");
    assertThat(c.string("backends.ollama.type")).isEqualTo("openai");
    assertThat(c.tokens("backends.ollama.context_length")).isEqualTo(32768);
    assertThat(c.table("backends.ollama.models"))
        .containsExactly(Map.entry("fast", "qwen2.5-coder:1.5b"), Map.entry("big.one", "qwen3:32b"));
  }

  @Test
  void anUnknownBackendFieldIsAnError() throws IOException {
    write("config.toml", "[backends.ollama]\ntype = \"openai\"\nurl = \"http://x\"\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .hasMessageContaining("config.toml:3: unknown key 'backends.ollama.url' (did you mean 'backends.ollama.urls'?)");
  }

  @Test
  void claudeEnvironmentAdditionsAreATable() throws IOException {
    write("config.toml", "[claude]\nargs = [\"--verbose\"]\n[claude.env]\nFOO = \"bar\"\n");
    Config c = load(Map.of(), Map.of());
    assertThat(c.table(Schema.CLAUDE_ENV)).containsExactly(Map.entry("FOO", "bar"));
    assertThat(c.strings(Schema.CLAUDE_ARGS)).containsExactly("--verbose");
  }

  @Test
  void repeatableFlagsReplaceTheConfiguredList() throws IOException {
    write("config.toml", "[routes]\nrules = [\"a*=x\"]\n");
    Config c = load(Map.of(), Map.of(Schema.ROUTES_RULES, List.of("b*=y", "c*=z")));
    assertThat(c.strings(Schema.ROUTES_RULES)).containsExactly("b*=y", "c*=z");
  }

  @Test
  void theTemplateIsCreatedOncePrivateAndNeverOverwritten() throws IOException {
    assertThat(ConfigLoader.createTemplate(dir)).isTrue();
    Path main = dir.resolve("config.toml");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(main))).isEqualTo("rw-------");
    Files.writeString(main, "[server]\nport = 4242\n");
    assertThat(ConfigLoader.createTemplate(dir)).isFalse();
    assertThat(load(Map.of(), Map.of()).integer(Schema.SERVER_PORT)).isEqualTo(4242);
  }

  @Test
  void theTemplateSetsNothingButNamesEveryKey() throws IOException {
    ConfigLoader.createTemplate(dir);
    Config c = load(Map.of(), Map.of());
    assertThat(c.entries().values()).allSatisfy(e -> assertThat(e.source()).isEqualTo(new Source.Default()));
    String text = ConfigTemplate.text();
    for (Key key : Schema.KEYS) {
      assertThat(text).contains(key.name().replace("*", ""));
    }
  }

  @Test
  void uncommentingEveryLineOfTheTemplateGivesAValidConfiguration() throws IOException {
    StringBuilder b = new StringBuilder();
    for (String line : ConfigTemplate.text().split("\n")) {
      if (line.matches("# (\\[[a-z.]+\\]|\"?[A-Za-z_]+\"? = .*)")) {
        b.append(line.substring(2)).append('\n');
      } else if (!line.startsWith("#")) {
        b.append(line).append('\n');
      }
    }
    write("config.toml", b.toString());
    Config c = load(Map.of(), Map.of());
    assertThat(c.integer(Schema.SERVER_PORT)).isEqualTo(8787);
    assertThat(c.backendNames()).containsExactly("ollama", "claude");
    assertThat(c.table(Schema.CLAUDE_ENV)).containsEntry("DISABLE_AUTOUPDATER", "1");
  }

  @Test
  void showPrintsEachValueWithItsSourceAndHidesTheToken() throws IOException {
    write("config.toml", "[server]\nport = 9000\n");
    Config c = load(Map.of("TETHER_TOKEN", "s3cret"), Map.of(Schema.MODEL_DEFAULT, "qwen"));
    String shown = ConfigShow.render(c, false);
    assertThat(shown).containsPattern("port = 9000 +# config.toml:2");
    assertThat(shown).containsPattern("token = \"<redacted: --show-secrets>\" +# env TETHER_TOKEN");
    assertThat(shown).containsPattern("default = \"qwen\" +# flag --model");
    assertThat(shown).containsPattern("host = \"127.0.0.1\" +# default");
    assertThat(shown).doesNotContain("s3cret");
    assertThat(ConfigShow.render(c, true)).contains("\"s3cret\"");
  }
}
