package dev.tether.control.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.Appended;
import dev.tether.control.ControlApi;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ErrorCode;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalRequest;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.DecisionRequest;
import dev.tether.control.approval.NewRule;
import dev.tether.control.approval.Rule;
import dev.tether.control.event.Event;
import dev.tether.control.session.AttachRequest;
import dev.tether.control.session.ExternalSession;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.Synced;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionPage;
import dev.tether.control.session.SessionPatch;
import dev.tether.control.session.SessionQuery;
import dev.tether.control.session.Usage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@link ControlApi} against a running Tether server.
 *
 * @see SseFollower for following a stream
 */
public final class ControlClient implements ControlApi {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String token;
  private final String clientName;
  private final HttpClient http;

  /**
   * @param base e.g. {@code http://127.0.0.1:8787}
   * @param token the bearer token, or null
   * @param clientName sent as {@code X-Tether-Client} and recorded as who acted ({@code cli}, {@code mcp})
   */
  public ControlClient(URI base, String token, String clientName) {
    this.base = base;
    this.token = token == null || token.isBlank() ? null : token;
    this.clientName = clientName;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI base() {
    return base;
  }

  /** The server's {@code /api/health}. */
  public JsonNode health() {
    return call("GET", "/api/health", null, TIMEOUT, JsonNode.class);
  }

  @Override
  public Session createSession(NewSession request) {
    return call("POST", "/api/sessions", request, TIMEOUT, Session.class);
  }

  @Override
  public Session session(String id) {
    return call("GET", "/api/sessions/" + enc(id), null, TIMEOUT, Session.class);
  }

  @Override
  public SessionPage sessions(SessionQuery q) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("state", q.state() == null ? null : q.state().wire());
    params.put("directory", q.directory());
    params.put("id_prefix", q.idPrefix());
    params.put("limit", q.limit());
    params.put("offset", q.offset());
    return call("GET", "/api/sessions" + query(params), null, TIMEOUT, SessionPage.class);
  }

  @Override
  public Session updateSession(String id, SessionPatch patch) {
    return call("PATCH", "/api/sessions/" + enc(id), patch, TIMEOUT, Session.class);
  }

  @Override
  public void deleteSession(String id, boolean force) {
    call("DELETE", "/api/sessions/" + enc(id) + (force ? "?force=true" : ""), null, TIMEOUT, Void.class);
  }

  @Override
  public boolean awayDefault() {
    return call("GET", "/api/away", null, TIMEOUT, JsonNode.class).path("away").asBoolean();
  }

  @Override
  public void awayDefault(boolean on) {
    call("PUT", "/api/away", ControlJson.MAPPER.createObjectNode().put("away", on), TIMEOUT, JsonNode.class);
  }

  @Override
  public Session start(String id, String prompt, String by) {
    return call("POST", "/api/sessions/" + enc(id) + "/start", body("prompt", prompt, "by", by), TIMEOUT, Session.class);
  }

  @Override
  public Appended input(String id, String text, String by) {
    return call("POST", "/api/sessions/" + enc(id) + "/input", body("text", text, "by", by), TIMEOUT, Appended.class);
  }

  @Override
  public Session interrupt(String id, String by) {
    return call("POST", "/api/sessions/" + enc(id) + "/interrupt", body("by", by), TIMEOUT, Session.class);
  }

  @Override
  public Appended append(String id, String type, JsonNode data) {
    ObjectNode b = ControlJson.MAPPER.createObjectNode().put("type", type);
    b.set("data", data);
    return call("POST", "/api/sessions/" + enc(id) + "/events", b, TIMEOUT, Appended.class);
  }

  @Override
  public List<Event> events(String id, long afterSeq, int limit) {
    return call("GET", "/api/sessions/" + enc(id) + "/events?after=" + afterSeq + "&limit=" + limit, null, TIMEOUT,
        Events.class).events();
  }

  @Override
  public List<Event> poll(String id, long sinceSeq, Set<String> types, Duration wait) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("since_seq", sinceSeq);
    params.put("types", types == null ? null : String.join(",", types));
    params.put("wait", seconds(wait));
    return call("GET", "/api/sessions/" + enc(id) + "/events/poll" + query(params), null, TIMEOUT.plus(wait),
        Events.class).events();
  }

  @Override
  public Approval requestApproval(String sessionId, ApprovalRequest request, Duration wait) {
    return call("POST", "/api/sessions/" + enc(sessionId) + "/approvals" + query(Map.of("wait", seconds(wait))),
        request, TIMEOUT.plus(wait), Approval.class);
  }

  @Override
  public Approval approval(String approvalId, Duration wait) {
    return call("GET", "/api/approvals/" + enc(approvalId) + query(Map.of("wait", seconds(wait))), null,
        TIMEOUT.plus(wait), Approval.class);
  }

  @Override
  public List<Approval> approvals(String sessionId, ApprovalStatus status) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("session_id", sessionId);
    params.put("state", status == null ? "all" : status.wire());
    return call("GET", "/api/approvals" + query(params), null, TIMEOUT, Approvals.class).approvals();
  }

  @Override
  public Approval decide(String approvalId, DecisionRequest decision) {
    DecisionRequest d = decision.by() != null ? decision
        : new DecisionRequest(decision.decision(), decision.reason(), decision.choice(), decision.rule(), clientName);
    return call("POST", "/api/approvals/" + enc(approvalId) + "/decision", d, TIMEOUT, Approval.class);
  }

  @Override
  public List<Rule> rules() {
    return call("GET", "/api/rules", null, TIMEOUT, Rules.class).rules();
  }

  @Override
  public Rule addRule(NewRule rule) {
    return call("POST", "/api/rules", rule, TIMEOUT, Rule.class);
  }

  @Override
  public void revokeRule(String ruleId) {
    call("DELETE", "/api/rules/" + enc(ruleId), null, TIMEOUT, Void.class);
  }

  @Override
  public Usage usage(String id) {
    return call("GET", "/api/sessions/" + enc(id) + "/usage", null, TIMEOUT, Usage.class);
  }

  /** Conversations found in the agents' own stores, newest first ({@code directory}: only those, or null). */
  public List<ExternalSession> externalSessions(String directory) {
    return call("GET", "/api/external" + query(java.util.Collections.singletonMap("directory", directory)), null,
        TIMEOUT, Externals.class).sessions();
  }

  /** Continues an agent's conversation in a new headless session holding its history. */
  public Synced attach(AttachRequest request) {
    return call("POST", "/api/sessions/attach", request, TIMEOUT, Synced.class);
  }

  /** Imports what a session's agent transcript gained since the last import. */
  public Synced sync(String id) {
    return call("POST", "/api/sessions/" + enc(id) + "/sync", null, TIMEOUT, Synced.class);
  }

  record Externals(List<ExternalSession> sessions) {}

  record Events(List<Event> events) {}

  record Approvals(List<Approval> approvals) {}

  record Rules(List<Rule> rules) {}

  /** A request builder with auth and client name set (for streams). */
  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header(CLIENT_HEADER, clientName);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  static final String CLIENT_HEADER = "X-Tether-Client";

  HttpClient http() {
    return http;
  }

  private <T> T call(String method, String path, Object body, Duration timeout, Class<T> type) {
    HttpRequest.Builder b = request(path).timeout(timeout);
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(ControlJson.write(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw unreachable();
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException) {
        throw unreachable();
      }
      throw new ControlException(ErrorCode.UNAVAILABLE, "talking to Tether at " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlException(ErrorCode.UNAVAILABLE, "interrupted");
    }
    return read(response, type);
  }

  private ControlException unreachable() {
    return new ControlException(ErrorCode.UNAVAILABLE, "cannot reach Tether at " + base
        + ": is it running (tether serve)? Choose another with --server or TETHER_SERVER.");
  }

  /** Reads a response body as {@code type}, or throws the server's error as a {@link ControlException}. */
  static <T> T read(HttpResponse<String> response, Class<T> type) {
    int status = response.statusCode();
    if (status >= 300) {
      throw error(status, response.body());
    }
    if (type == Void.class || response.body().isEmpty()) {
      return null;
    }
    try {
      return ControlJson.MAPPER.readValue(response.body(), type);
    } catch (JsonProcessingException e) {
      throw new ControlException(ErrorCode.INTERNAL_ERROR, status, "unreadable answer from the server: " + e.getOriginalMessage());
    }
  }

  static ControlException error(int status, String body) {
    try {
      JsonNode error = ControlJson.MAPPER.readTree(body).path("error");
      if (error.hasNonNull("code")) {
        return new ControlException(ErrorCode.parse(error.get("code").asText()), status, error.path("message").asText());
      }
    } catch (JsonProcessingException e) {
      // not ours; fall through
    }
    String message = status == 401 ? "the server wants a token: pass --token, set TETHER_TOKEN, or run tether init"
        : "HTTP " + status + (body.isBlank() ? "" : ": " + body.strip());
    return new ControlException(status == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.INTERNAL_ERROR, status, message);
  }

  private static ObjectNode body(String... pairs) {
    ObjectNode b = ControlJson.MAPPER.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        b.put(pairs[i], pairs[i + 1]);
      }
    }
    return b;
  }

  private static String seconds(Duration d) {
    return d == null || d.isZero() || d.isNegative() ? null : Double.toString(d.toMillis() / 1000.0);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(Map<String, ?> params) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    params.forEach((k, v) -> {
      if (v != null) {
        q.add(k + "=" + enc(String.valueOf(v)));
      }
    });
    return q.toString();
  }

}
