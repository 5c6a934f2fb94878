package dev.tether.control.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One changed file.
 *
 * @param path the file's path relative to the repository root (its new path for a rename)
 * @param oldPath the previous path of a rename, else null
 * @param status {@code added}, {@code modified}, {@code deleted}, {@code renamed} or {@code untracked}
 * @param patch the unified diff of this file (headers included), empty for a binary file
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileDiff(String path, String oldPath, String status, int additions, int deletions, boolean binary,
    String patch) {}
