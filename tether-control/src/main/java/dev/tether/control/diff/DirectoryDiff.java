package dev.tether.control.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What {@code GET /api/sessions/{id}/diff} answers.
 *
 * @param git whether the directory is inside a git work tree (when false, {@code files} is empty and
 *     {@code message} says why)
 * @param base what the work tree is compared with: {@code HEAD}, or {@code empty} before the first commit
 * @param truncated whether git's output passed the cap and the later files are missing
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirectoryDiff(String directory, boolean git, String base, List<FileDiff> files, boolean truncated,
    String message) {

  public DirectoryDiff {
    files = files == null ? List.of() : List.copyOf(files);
  }

  static DirectoryDiff notGit(String directory, String message) {
    return new DirectoryDiff(directory, false, null, List.of(), false, message);
  }
}
