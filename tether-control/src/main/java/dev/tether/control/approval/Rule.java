package dev.tether.control.approval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A standing answer: requests matching {@code pattern} (Claude Code permission syntax) within the scope
 * get {@code decision} without asking, until {@code expiresAt} (null: until revoked). Deny rules win
 * over allow rules; plan and task tools are never allowed by a rule.
 *
 * @param id {@code rul_…}
 * @param sessionId the session, for scope {@code session}
 * @param directory the tree (absolute), for scope {@code directory}
 * @param createdBy the surface that made it ({@code cli}, {@code mcp}, {@code web}, {@code api}, …)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Rule(
    String id,
    String pattern,
    Decision decision,
    RuleScope scope,
    String sessionId,
    String directory,
    Instant createdAt,
    Instant expiresAt,
    String createdBy) {

  /** Whether the rule is in force at {@code now}. */
  public boolean activeAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }

  /** Whether the rule covers a session with this id and directory. */
  public boolean covers(String sessionId, String sessionDirectory) {
    return switch (scope) {
      case GLOBAL -> true;
      case SESSION -> this.sessionId != null && this.sessionId.equals(sessionId);
      case DIRECTORY -> directory != null && sessionDirectory != null
          && Path.of(sessionDirectory).normalize().startsWith(Path.of(directory).normalize());
    };
  }
}
