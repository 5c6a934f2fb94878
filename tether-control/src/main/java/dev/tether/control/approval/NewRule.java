package dev.tether.control.approval;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * What {@code POST /api/rules} (and the {@code rule} of a decision) takes. The scope defaults to
 * {@code session} when a session is named, {@code directory} when a directory is, else {@code global};
 * the decision to {@code allow}; the expiry to none. {@code duration} reads {@code 30m}, {@code 2h},
 * {@code 1d}, {@code 90s} or plain seconds.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewRule(
    @JsonAlias("rule") String pattern,
    String decision,
    String scope,
    @JsonAlias("session") String sessionId,
    @JsonAlias("dir") String directory,
    @JsonAlias({"for", "expires_in"}) String duration,
    Instant expiresAt,
    @JsonAlias("by") String createdBy) {

  /** An allow rule for {@code pattern} with everything else defaulted. */
  public static NewRule allow(String pattern) {
    return new NewRule(pattern, null, null, null, null, null, null, null);
  }
}
