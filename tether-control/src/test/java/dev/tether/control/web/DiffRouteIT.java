package dev.tether.control.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/sessions/{id}/diff} over HTTP: a session without a directory, outside git, and with changes. */
class DiffRouteIT {
  @TempDir
  Path dir;

  @Test
  void answersPerFileOrSaysWhyNot() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      String none = server.newSession("nowhere");
      var noDir = server.get("/api/sessions/" + none + "/diff");
      assertThat(noDir.statusCode()).isEqualTo(409);
      assertThat(noDir.body()).contains("has no directory");

      Path missing = dir.resolve("missing");
      String lost = TestServer.json(server.post("/api/sessions", "{\"directory\":\"" + missing + "\"}")).get("id").asText();
      JsonNode gone = TestServer.json(server.get("/api/sessions/" + lost + "/diff"));
      assertThat(gone.get("git").asBoolean()).isFalse();
      assertThat(gone.get("message").asText()).isEqualTo("the directory does not exist");

      Path repo = Files.createDirectories(dir.resolve("repo"));
      if (new ProcessBuilder("git", "init", "-q").directory(repo.toFile()).start().waitFor() != 0) {
        return;
      }
      Files.writeString(repo.resolve("new.txt"), "hello\n");
      String id = TestServer.json(server.post("/api/sessions", "{\"directory\":\"" + repo + "\"}")).get("id").asText();
      JsonNode diff = TestServer.json(server.get("/api/sessions/" + id + "/diff"));
      assertThat(diff.get("git").asBoolean()).isTrue();
      assertThat(diff.get("files").get(0).get("path").asText()).isEqualTo("new.txt");
      assertThat(diff.get("files").get(0).get("status").asText()).isEqualTo("untracked");
      assertThat(diff.get("files").get(0).get("patch").asText()).contains("+hello");
      assertThat(server.get("/api/sessions/ses_nope/diff").statusCode()).isEqualTo(404);
    }
  }
}
