package dev.tether.control.session;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What attach and sync did: the session as it is now, and how many transcript messages were imported.
 *
 * @param imported messages added to the log by this call (0 when nothing was new)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Synced(Session session, int imported) {}
