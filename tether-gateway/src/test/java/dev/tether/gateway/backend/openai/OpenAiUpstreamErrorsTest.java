package dev.tether.gateway.backend.openai;

import static dev.tether.gateway.backend.openai.OpenAiTestSupport.backend;
import static dev.tether.gateway.backend.openai.OpenAiTestSupport.config;
import static dev.tether.gateway.backend.openai.OpenAiTestSupport.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.gateway.backend.openai.FakeOpenAiUpstream.Reply;
import dev.tether.gateway.backend.openai.OpenAiTestSupport.Recorder;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiUpstreamErrorsTest {
  private final FakeOpenAiUpstream upstream = FakeOpenAiUpstream.start();
  private final OpenAiBackend backend = backend(config(upstream.baseUrl()));

  @AfterEach
  void stop() {
    backend.close();
    upstream.close();
  }

  /** Streams {@link OpenAiTestSupport#hello()}; asserts nothing reached the client before the error. */
  private ApiException failure(OpenAiBackend target) {
    Recorder recorder = new Recorder();
    ApiException error = catchThrowableOfType(ApiException.class, () -> target.stream(hello(), recorder));
    assertThat(error).isNotNull();
    assertThat(recorder.events).isEmpty();
    return error;
  }

  @Test
  void aRefusedConnectionIsOverloadedAfterTheRetries() {
    try (OpenAiBackend dead = backend(config(FakeOpenAiUpstream.deadUrl()))) {
      ApiException error = failure(dead);

      assertThat(error.type()).isEqualTo(ErrorType.OVERLOADED);
      assertThat(error.getMessage()).contains("cannot reach upstream");
    }
  }

  @Test
  void aServerErrorIsRetriedThenReportedAsOverloaded() {
    for (int i = 0; i < 3; i++) {
      upstream.enqueue(Reply.error(503, "{\"error\":{\"message\":\"loading model\"}}"));
    }

    ApiException error = failure(backend);

    assertThat(error.type()).isEqualTo(ErrorType.OVERLOADED);
    assertThat(error.getMessage()).contains("loading model");
    assertThat(upstream.requests()).hasSize(3);
  }

  @Test
  void aServerErrorThatClearsOnRetryIsInvisibleToTheClient() {
    upstream.enqueue(Reply.error(500, "{}"));
    upstream.enqueue(Reply.sse("{\"choices\":[{\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"));
    Recorder recorder = new Recorder();

    backend.stream(hello(), recorder);

    assertThat(recorder.message().content()).hasSize(1);
  }

  @Test
  void tooManyRequestsIsARateLimitWithTheUpstreamsRetryAfter() {
    for (int i = 0; i < 3; i++) {
      upstream.enqueue(Reply.error(429, "{\"error\":{\"message\":\"slots busy\"}}").withHeader("Retry-After", "7"));
    }

    ApiException error = failure(backend);

    assertThat(error.type()).isEqualTo(ErrorType.RATE_LIMIT);
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void tooManyRequestsWithoutRetryAfterWaitsTwoSeconds() {
    for (int i = 0; i < 3; i++) {
      upstream.enqueue(Reply.error(429, "busy"));
    }

    assertThat(failure(backend).retryAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\",\"type\":\"exceed_context_size_error\"}}",
      "{\"object\":\"error\",\"message\":\"This model's maximum context length is 32768 tokens. However, you requested 40000 tokens.\",\"code\":400}",
      "{\"error\":\"prompt too long; exceeded max context length by 100 tokens\"}",
      "{\"error\":\"The number of tokens to keep from the initial prompt is greater than the context length.\"}"})
  void contextOverflowBecomesPromptIsTooLong(String body) {
    upstream.enqueue(Reply.error(400, body));

    ApiException error = failure(backend);

    assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
    assertThat(error.getMessage()).startsWith("prompt is too long: ");
    assertThat(upstream.requests()).hasSize(1);
  }

  @Test
  void anUnknownModelIsNotFound() {
    upstream.enqueue(Reply.error(404, "{\"error\":{\"message\":\"model 'x' not found\"}}"));

    ApiException error = failure(backend);

    assertThat(error.type()).isEqualTo(ErrorType.NOT_FOUND);
    assertThat(error.getMessage()).contains("model 'x' not found");
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void refusedCredentialsFailFastAsAnInvalidRequest(int status) {
    upstream.enqueue(Reply.error(status, "{\"error\":{\"message\":\"invalid api key\"}}"));

    ApiException error = failure(backend);

    assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
    assertThat(error.getMessage()).contains("refused the gateway's credentials");
    assertThat(upstream.requests()).hasSize(1);
  }

  @Test
  void anyOtherClientErrorPassesTheUpstreamMessageOn() {
    upstream.enqueue(Reply.error(422, "{\"detail\":\"tools[0].function.parameters is invalid\"}"));

    ApiException error = failure(backend);

    assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
    assertThat(error.getMessage()).contains("tools[0].function.parameters is invalid");
  }

  @Test
  void theApiKeyIsSentAsABearerTokenAndNeverPrinted() {
    OpenAiBackendConfig withKey = config(upstream.baseUrl()).withApiKey("sk-secret");
    upstream.enqueue(Reply.sse("{\"choices\":[{\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"));
    try (OpenAiBackend keyed = backend(withKey)) {
      keyed.stream(hello(), new Recorder());
    }

    assertThat(upstream.authorizations()).containsExactly("Bearer sk-secret");
    assertThat(withKey.toString()).doesNotContain("sk-secret");
  }

  @Test
  void aSilentUpstreamTimesOutMidStream() {
    try (OpenAiBackend impatient =
        backend(config(upstream.baseUrl())
            .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(2)))) {
      upstream.enqueue(
          new Reply(200, java.util.Map.of(), java.util.List.of(
              "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n", "data: [DONE]\n\n"),
              1500, false, false));
      Recorder recorder = new Recorder();

      ApiException error = catchThrowableOfType(ApiException.class, () -> impatient.stream(hello(), recorder));

      assertThat(error.type()).isEqualTo(ErrorType.OVERLOADED);
      assertThat(error.getMessage()).contains("sent nothing");
    }
  }

  @Test
  void anUpstreamThatNeverAnswersTimesOutAsOverloaded() {
    try (OpenAiBackend impatient =
        backend(config(upstream.baseUrl())
            .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(2)))) {
      upstream.enqueue(Reply.sse("{}").delayed(1500, true));

      ApiException error = failure(impatient);

      assertThat(error.type()).isEqualTo(ErrorType.OVERLOADED);
      assertThat(error.getMessage()).contains("sent no answer");
    }
  }
}
