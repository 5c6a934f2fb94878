package dev.tether.control.session;

/**
 * A filter and page over sessions, newest first.
 *
 * @param state only sessions in this state, or null for all
 * @param directory only sessions in this directory or below it, or null for all
 * @param idPrefix only sessions whose id starts with this, or null for all
 * @param limit at most this many (1..1000)
 * @param offset skip this many
 */
public record SessionQuery(SessionState state, String directory, String idPrefix, int limit, int offset) {
  public static final int MAX_LIMIT = 1000;

  public SessionQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
  }

  /** Every session, first page of 100. */
  public static SessionQuery all() {
    return new SessionQuery(null, null, null, 100, 0);
  }
}
