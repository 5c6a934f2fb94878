package dev.tether.gateway.backend.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicRedactionTest {

  @Test
  void credentialsAndCookiesAreRedactedAndOtherHeadersKept() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("x-api-key", List.of("sk-ant-secret"));
    headers.put("Authorization", List.of("Bearer tok-secret-1"));
    headers.put("cookie", List.of("a=1", "b=2"));
    headers.put("set-cookie", List.of("s=3"));
    headers.put("x-auth-token", List.of("t"));
    headers.put("anthropic-version", List.of("2023-06-01"));
    headers.put("anthropic-beta", List.of("claude-code-20250219"));

    Map<String, List<String>> safe = Redaction.headers(headers);

    assertThat(safe.get("x-api-key")).containsExactly(Redaction.REDACTED);
    assertThat(safe.get("Authorization")).containsExactly(Redaction.REDACTED);
    assertThat(safe.get("cookie")).containsExactly(Redaction.REDACTED, Redaction.REDACTED);
    assertThat(safe.get("set-cookie")).containsExactly(Redaction.REDACTED);
    assertThat(safe.get("x-auth-token")).containsExactly(Redaction.REDACTED);
    assertThat(safe.get("anthropic-version")).containsExactly("2023-06-01");
    assertThat(safe.get("anthropic-beta")).containsExactly("claude-code-20250219");
    assertThat(safe.keySet()).containsExactlyElementsOf(headers.keySet());
    assertThat(safe.toString()).doesNotContain("sk-ant-secret", "tok-secret-1", "a=1");
  }

  @Test
  void userInfoIsDroppedFromUrls() {
    assertThat(Redaction.url(URI.create("https://user:pw@proxy.example:8443/anthropic/v1/messages?beta=true")))
        .isEqualTo("https://proxy.example:8443/anthropic/v1/messages?beta=true");
    assertThat(Redaction.url(URI.create("https://api.anthropic.com"))).isEqualTo("https://api.anthropic.com");
  }

  @Test
  void theConfigNeverPrintsItsKey() {
    var config = AnthropicBackendConfig.of(URI.create("https://api.anthropic.com/"), "sk-ant-secret");

    assertThat(config.toString()).doesNotContain("sk-ant-secret").contains(Redaction.REDACTED);
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
  }

  @Test
  void theConfigFillsInDefaults() {
    var config = AnthropicBackendConfig.defaults();

    assertThat(config.name()).isEqualTo("anthropic");
    assertThat(config.baseUrl()).isEqualTo(AnthropicBackendConfig.DEFAULT_BASE_URL);
    assertThat(config.apiKey()).isNull();
    assertThat(config.connectTimeout()).isEqualTo(AnthropicBackendConfig.DEFAULT_CONNECT_TIMEOUT);
    assertThat(config.idleTimeout()).isEqualTo(AnthropicBackendConfig.DEFAULT_IDLE_TIMEOUT);
  }
}
