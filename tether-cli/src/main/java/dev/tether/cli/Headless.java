package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.Schema;
import dev.tether.cli.launch.ClaudeEnvironment;
import dev.tether.cli.launch.ClaudeLocator;
import dev.tether.cli.launch.TetherCommand;
import dev.tether.control.ControlService;
import dev.tether.control.agent.HeadlessAgents;
import dev.tether.control.agent.claude.ClaudeRunner;
import dev.tether.control.agent.claude.ClaudeTranscripts;
import dev.tether.control.hook.HookSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the agents a running server runs itself: Claude Code headless ({@code claude -p} per turn, with
 * Tether's hooks reporting back to this server) and discovery of the user's Claude Code transcripts.
 *
 * <p>The model: by default the user's normal Claude account (claude's own login; nothing set), because a
 * session started from the phone is the same work the user would do at the desk. With
 * {@code headless.gateway = true} the turns talk to this server's gateway instead, with the same
 * environment the launcher gives an interactive claude ({@code headless.model}, else {@code model.default}).
 */
final class Headless {
  private static final Logger LOG = LoggerFactory.getLogger(Headless.class);

  private Headless() {}

  /**
   * Installs the agents on {@code control}, reporting to {@code server}.
   *
   * @param token the server's agent token (opens /v1 and the hooks only), or null when it requires none
   * @throws UserError when the gateway is asked for but no model is configured
   */
  static HeadlessAgents install(ControlService control, URI server, String token, Config config,
      Map<String, String> env) {
    Path claude;
    try {
      claude = ClaudeLocator.locate(config.string(Schema.CLAUDE_PATH), env);
    } catch (IllegalArgumentException e) {
      // Not fatal: the gateway and supervision work without it; a headless turn then fails with this.
      LOG.info("headless sessions cannot run until claude is installed: {}", e.getMessage());
      claude = Path.of("claude");
    }
    Map<String, String> modelEnv = Map.of();
    List<String> removed = List.of();
    if (config.bool(Schema.HEADLESS_GATEWAY)) {
      modelEnv = gatewayEnvironment(server, token, config);
      removed = ClaudeEnvironment.REMOVED;
    }
    String hooks = HookSettings.of(TetherCommand.argv(env), config.duration(Schema.CONTROL_APPROVAL_TIMEOUT),
        config.duration(Schema.CONTROL_STOP_WAIT)).text();
    ClaudeRunner runner = new ClaudeRunner(claude, config.strings(Schema.CLAUDE_ARGS), modelEnv, removed, hooks,
        server.toString(), token);
    return HeadlessAgents.install(control, List.of(runner), List.of(ClaudeTranscripts.forUser(env)),
        config.duration(Schema.HEADLESS_INTERRUPT_GRACE));
  }

  private static Map<String, String> gatewayEnvironment(URI server, String token, Config config) {
    String model = config.string(Schema.HEADLESS_MODEL);
    if (model.isBlank()) {
      model = config.string(Schema.MODEL_DEFAULT);
    }
    if (model.isBlank()) {
      throw new UserError("headless.gateway is on but no model is set: set headless.model (or model.default)"
          + " to one of tether models");
    }
    ClaudeEnvironment environment = new ClaudeEnvironment(server.toString(), token != null ? token : "tether",
        TetherServer.randomToken(), model, config.string(Schema.ROUTES_OPUS),
        config.string(Schema.ROUTES_SONNET), config.string(Schema.ROUTES_HAIKU), config.string(Schema.ROUTES_SUBAGENT),
        config.tokens(Schema.MODEL_MAX_CONTEXT), config.tokens(Schema.CLAUDE_MAX_OUTPUT_TOKENS),
        config.duration(Schema.CLAUDE_API_TIMEOUT), config.table(Schema.CLAUDE_ENV));
    return environment.variables();
  }
}
