package dev.tether.control.session;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One page of sessions, newest first; {@code hasMore} says whether another page follows. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionPage(List<Session> sessions, boolean hasMore) {}
