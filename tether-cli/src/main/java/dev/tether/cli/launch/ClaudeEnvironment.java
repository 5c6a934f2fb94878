package dev.tether.cli.launch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment that points Claude Code at the gateway (research gateway.md §1 lists what Claude
 * Code honours). Every tier defaults to the chosen model, so nothing leaks to a model the user did
 * not pick.
 *
 * @param baseUrl the gateway's URL
 * @param token the token the gateway requires
 * @param launchId marks every process of this launch ({@code TETHER_LAUNCH_ID}), so that what claude
 *     leaves behind can be found and stopped
 * @param model the chosen model
 * @param opus model for the opus tier, or null for {@code model}
 * @param sonnet model for the sonnet tier, or null for {@code model}
 * @param haiku model for the haiku tier and background calls, or null for {@code model}
 * @param subagent model for subagents, or null for {@code model}
 * @param contextTokens the context the gateway gives the model (sizes the output cap)
 * @param maxOutputTokens the output cap to set, or 0 to size it from the context
 * @param apiTimeout how long claude waits for a reply
 * @param extra the user's additions ({@code [claude.env]}), applied last
 */
public record ClaudeEnvironment(
    String baseUrl,
    String token,
    String launchId,
    String model,
    String opus,
    String sonnet,
    String haiku,
    String subagent,
    int contextTokens,
    int maxOutputTokens,
    Duration apiTimeout,
    Map<String, String> extra) {

  /** Variables removed from the inherited environment: they would send claude elsewhere. */
  public static final List<String> REMOVED = List.of(
      "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY", "ANTHROPIC_CUSTOM_HEADERS");

  /** The largest output cap set: what Claude Code itself asks for at most. */
  static final int OUTPUT_CEILING = 32_000;

  /** The variable that marks the processes of one launch. */
  public static final String LAUNCH_ID = "TETHER_LAUNCH_ID";

  /** The variables to set, in a stable order. */
  public Map<String, String> variables() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ANTHROPIC_BASE_URL", baseUrl);
    env.put("ANTHROPIC_AUTH_TOKEN", token);
    env.put("ANTHROPIC_API_KEY", "");
    env.put("ANTHROPIC_MODEL", model);
    env.put("ANTHROPIC_DEFAULT_OPUS_MODEL", or(opus));
    env.put("ANTHROPIC_DEFAULT_SONNET_MODEL", or(sonnet));
    env.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", or(haiku));
    env.put("ANTHROPIC_SMALL_FAST_MODEL", or(haiku));
    env.put("CLAUDE_CODE_SUBAGENT_MODEL", or(subagent));
    env.put("API_TIMEOUT_MS", Long.toString(apiTimeout.toMillis()));
    env.put("CLAUDE_CODE_MAX_OUTPUT_TOKENS", Integer.toString(outputTokens()));
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    env.putAll(extra);
    env.put(LAUNCH_ID, launchId);
    // Where claude's hooks (tether hook) report; also lets `tether …` client commands run inside claude reach it.
    env.put("TETHER_SERVER", baseUrl);
    env.put("TETHER_TOKEN", token);
    return env;
  }

  /**
   * The output cap: the configured one, else a quarter of the context (so a long answer still
   * leaves three quarters for the prompt), between 1,024 and 32,000 tokens.
   */
  int outputTokens() {
    if (maxOutputTokens > 0) {
      return maxOutputTokens;
    }
    if (contextTokens <= 0) {
      return OUTPUT_CEILING;
    }
    return Math.max(1024, Math.min(OUTPUT_CEILING, contextTokens / 4));
  }

  private String or(String tier) {
    return tier == null || tier.isBlank() ? model : tier;
  }
}
