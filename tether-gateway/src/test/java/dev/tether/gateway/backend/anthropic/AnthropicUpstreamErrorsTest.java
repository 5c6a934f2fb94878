package dev.tether.gateway.backend.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicUpstreamErrorsTest {

  static HttpHeaders headers(String name, String value) {
    return HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true);
  }

  static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (n, v) -> true);

  @Test
  void anUnknownErrorTypeFallsBackToTheStatus() {
    byte[] body = "{\"type\":\"error\",\"error\":{\"type\":\"brand_new_error\",\"message\":\"slow down\"}}"
        .getBytes(StandardCharsets.UTF_8);

    ApiException e = UpstreamErrors.forStatus(429, NONE, body);

    assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMIT);
    assertThat(e.getMessage()).isEqualTo("slow down");
  }

  @Test
  void aLongNonJsonBodyIsShortenedToAnExcerpt() {
    byte[] body = ("oops\n\n" + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8);

    ApiException e = UpstreamErrors.forStatus(503, NONE, body);

    assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED);
    assertThat(e.getMessage()).startsWith("upstream answered HTTP 503: oops x").hasSizeLessThan(260);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertThat(UpstreamErrors.retryAfter(headers("retry-after", "2"))).isEqualTo(Duration.ofSeconds(2));
    assertThat(UpstreamErrors.retryAfter(headers("retry-after", "1.5"))).isEqualTo(Duration.ofMillis(1500));
    String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(60));
    assertThat(UpstreamErrors.retryAfter(headers("retry-after", inAMinute)))
        .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
    assertThat(UpstreamErrors.retryAfter(headers("retry-after", "soon"))).isNull();
    assertThat(UpstreamErrors.retryAfter(NONE)).isNull();
  }

  @Test
  void transportFailuresAreOverloadedOrTimeouts() {
    // The JDK client reports a refused connection as a message-less exception around the real one.
    ConnectException wrapped = new ConnectException();
    wrapped.initCause(new ConnectException("Connection refused"));
    ApiException refused = UpstreamErrors.forTransport(wrapped, "https://api.anthropic.com", Duration.ofSeconds(300));
    ApiException slow =
        UpstreamErrors.forTransport(
            new HttpTimeoutException("request timed out"), "https://api.anthropic.com", Duration.ofSeconds(300));

    assertThat(refused.type()).isEqualTo(ErrorType.OVERLOADED);
    assertThat(refused.getMessage()).isEqualTo("upstream https://api.anthropic.com unreachable: Connection refused");
    assertThat(slow.type()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(slow.getMessage()).contains("300 s");
  }
}
