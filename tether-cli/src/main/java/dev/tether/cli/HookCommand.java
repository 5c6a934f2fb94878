package dev.tether.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tether hook EVENT}: what Claude Code's hooks run (see {@code HookSettings}). Reads the hook
 * payload on stdin, posts it to {@code $TETHER_SERVER/api/hooks/EVENT} and prints the answer for claude.
 * It must never break claude: without a server, or on any error, it prints nothing (no decision) and
 * exits 0. The {@code ./tether} script does the same with curl and no JVM; this is the path for when
 * curl is missing or the jar is run directly.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
    description = {"Report a Claude Code hook to the Tether server and print its answer (run by claude's hooks).",
        "Reads the hook's JSON on stdin. Server and token from $TETHER_SERVER (or $TETHER_URL) and $TETHER_TOKEN;"
            + " $TETHER_SESSION names the Tether session, $TETHER_HOOK_REMOTE=1 gates tools remotely.",
        "On any failure prints nothing and exits 0, so claude carries on as if there were no hook."})
final class HookCommand implements Callable<Integer> {
  /** How long connecting may take; a refused connection fails at once anyway. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern EVENT = Pattern.compile("[A-Za-z]{1,40}");
  private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  @Parameters(index = "0", paramLabel = "EVENT", description = "The hook event, e.g. PreToolUse.")
  String event;

  @Override
  public Integer call() {
    return run(event, System.in, System.out, System.getenv());
  }

  /** Runs the hook; always 0. */
  static int run(String event, InputStream in, OutputStream out, Map<String, String> env) {
    try {
      byte[] payload = in.readAllBytes();
      String server = first(env.get("TETHER_SERVER"), env.get("TETHER_URL"));
      if (server == null || event == null || !EVENT.matcher(event).matches()) {
        return 0;
      }
      URI uri = URI.create(strip(server) + "/api/hooks/" + event + query(env));
      HttpRequest.Builder request = HttpRequest.newBuilder(uri)
          .header("Content-Type", "application/json")
          .header("X-Tether-Client", "hook")
          .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
      String token = env.get("TETHER_TOKEN");
      if (token != null && !token.isBlank()) {
        request.header("Authorization", "Bearer " + token.strip());
      }
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT).build();
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 200) {
        out.write(response.body());
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // No decision: claude carries on as without the hook.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String query(Map<String, String> env) {
    StringBuilder q = new StringBuilder();
    String session = env.get("TETHER_SESSION");
    if (session != null && SESSION.matcher(session.strip()).matches()) {
      q.append("session=").append(URLEncoder.encode(session.strip(), StandardCharsets.UTF_8));
    }
    if ("1".equals(env.get("TETHER_HOOK_REMOTE"))) {
      q.append(q.isEmpty() ? "" : "&").append("remote=1");
    }
    return q.isEmpty() ? "" : "?" + q;
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a.strip() : b != null && !b.isBlank() ? b.strip() : null;
  }

  private static String strip(String url) {
    String u = url.contains("://") ? url : "http://" + url;
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }
}
