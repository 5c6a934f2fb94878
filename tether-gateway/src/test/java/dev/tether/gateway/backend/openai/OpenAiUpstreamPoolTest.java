package dev.tether.gateway.backend.openai;

import static dev.tether.gateway.backend.openai.OpenAiTestSupport.backend;
import static dev.tether.gateway.backend.openai.OpenAiTestSupport.config;
import static dev.tether.gateway.backend.openai.OpenAiTestSupport.hello;
import static dev.tether.gateway.backend.openai.OpenAiTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.BackendModel;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.backend.ModelTraits;
import dev.tether.gateway.backend.openai.FakeOpenAiUpstream.Reply;
import dev.tether.gateway.backend.openai.OpenAiTestSupport.Recorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiUpstreamPoolTest {
  private static final String OK =
      "{\"choices\":[{\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";
  private final FakeOpenAiUpstream upstream = FakeOpenAiUpstream.start();

  @AfterEach
  void stop() {
    upstream.close();
  }

  @Test
  void aDeadUpstreamFailsOverToALiveOne() {
    try (OpenAiBackend backend = backend(config(FakeOpenAiUpstream.deadUrl(), upstream.baseUrl()))) {
      for (int i = 0; i < 4; i++) {
        upstream.enqueue(Reply.sse(OK));
        Recorder recorder = new Recorder();

        backend.stream(hello(), recorder);

        assertThat(recorder.message().content()).hasSize(1);
      }
      assertThat(upstream.requests()).hasSize(4);
    }
  }

  @Test
  void anOpenBreakerKeepsRequestsAwayFromAFailingUpstreamUntilTheCooldown() throws Exception {
    try (FakeOpenAiUpstream healthy = FakeOpenAiUpstream.start()) {
      OpenAiBackendConfig config = config(upstream.baseUrl(), healthy.baseUrl())
          .withResilience(1, Duration.ZERO, 2, Duration.ofMillis(300));
      try (OpenAiBackend backend = backend(config)) {
        upstream.enqueue(Reply.error(500, "{}")).enqueue(Reply.error(500, "{}"));
        for (int i = 0; i < 6; i++) {
          healthy.enqueue(Reply.sse(OK));
        }
        for (int i = 0; i < 4; i++) {
          Recorder recorder = new Recorder();
          backend.stream(hello(), recorder);
          assertThat(recorder.message().content()).hasSize(1);
        }
        assertThat(upstream.requests()).as("the open breaker kept later requests away").hasSize(2);
        Thread.sleep(350);
        upstream.enqueue(Reply.sse(OK));
        for (int i = 0; i < 2; i++) {
          backend.stream(hello(), new Recorder());
        }
        assertThat(upstream.requests()).as("after the cooldown a trial goes through").hasSize(3);
      }
    }
  }

  @Test
  void withEveryBreakerOpenTheRequestStillTriesAndReportsTheRealError() {
    OpenAiBackendConfig config =
        config(upstream.baseUrl()).withResilience(0, Duration.ZERO, 2, Duration.ofSeconds(30));
    try (OpenAiBackend backend = backend(config)) {
      upstream.enqueue(Reply.error(500, "{}")).enqueue(Reply.error(500, "{}")).enqueue(Reply.error(500, "{}"));
      failure(backend);
      failure(backend);
      ApiException third = failure(backend);
      assertThat(third.type()).isEqualTo(dev.tether.api.error.ErrorType.OVERLOADED);
      assertThat(upstream.requests()).hasSize(3);
      upstream.enqueue(Reply.sse(OK));
      Recorder recovered = new Recorder();
      backend.stream(hello(), recovered);
      assertThat(recovered.message().content()).hasSize(1);
    }
  }

  @Test
  void aHalfOpenBreakerLetsOnlyOneTrialThrough() {
    AtomicLong now = new AtomicLong();
    CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofSeconds(10), now::get);
    breaker.failure();
    assertThat(breaker.tryAcquire()).isFalse();

    now.addAndGet(Duration.ofSeconds(11).toNanos());

    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).isFalse();
    breaker.failure();
    assertThat(breaker.tryAcquire()).isFalse();
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.success();
    assertThat(breaker.isOpen()).isFalse();
  }

  @Test
  void aClientThatGoesAwayClosesTheUpstreamConnection() throws Exception {
    Cancellation cancellation = new Cancellation();
    upstream.enqueue(Reply.openEnded("{\"choices\":[{\"delta\":{\"content\":\"tick\"}}]}"));
    try (OpenAiBackend backend = backend(config(upstream.baseUrl()))) {
      Recorder recorder = new Recorder() {
        @Override
        public void accept(StreamEvent event) {
          super.accept(event);
          if (event instanceof StreamEvent.ContentBlockDelta) {
            cancellation.cancel();
          }
        }
      };

      assertThatThrownBy(() -> backend.stream(request(
          "{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
          cancellation), recorder))
          .isInstanceOf(ClientGoneException.class);

      assertThat(upstream.clientGone.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aSinkThatReportsTheClientGoneAbortsTheUpstreamToo() throws Exception {
    upstream.enqueue(Reply.openEnded("{\"choices\":[{\"delta\":{\"content\":\"tick\"}}]}"));
    try (OpenAiBackend backend = backend(config(upstream.baseUrl()))) {
      assertThatThrownBy(() -> backend.stream(hello(), event -> {
        if (event instanceof StreamEvent.ContentBlockStart) {
          throw new ClientGoneException(null);
        }
      })).isInstanceOf(ClientGoneException.class);

      assertThat(upstream.clientGone.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void modelsComeFromTheUpstreamListWithContextLengths() {
    upstream.models(
        """
        {"object":"list","data":[
          {"id":"qwen3-coder","max_model_len":65536},
          {"id":"gemma","meta":{"n_ctx_train":131072}},
          {"id":"lmstudio-model","context_length":8192},
          {"id":"plain"}]}""");
    try (OpenAiBackend backend = backend(config(upstream.baseUrl()))) {
      assertThat(backend.models())
          .containsExactly(
              new BackendModel("qwen3-coder", "qwen3-coder", 65536),
              new BackendModel("gemma", "gemma", 131072),
              new BackendModel("lmstudio-model", "lmstudio-model", 8192),
              new BackendModel("plain", "plain", 0));
      assertThat(backend.traits("claude-gemma")).isEqualTo(new ModelTraits(131072, false, false, 64));
    }
    try (OpenAiBackend overridden =
        backend(config(upstream.baseUrl()).withContextLength(4096).withReasoning(true))) {
      assertThat(overridden.traits("gemma")).isEqualTo(new ModelTraits(4096, true, false, 64));
    }
  }

  @Test
  void theModelNameIsResolvedAgainstTheUpstreamList() {
    upstream.models("{\"data\":[{\"id\":\"first\"},{\"id\":\"qwen3\"}]}");
    try (OpenAiBackend backend = backend(config(upstream.baseUrl()));
        OpenAiBackend withDefault = backend(config(upstream.baseUrl()).withDefaultModel("qwen3"))) {
      for (String model : List.of("qwen3", "claude-qwen3", "claude-opus-4-8")) {
        upstream.enqueue(Reply.sse(OK));
        backend.stream(request("{\"model\":\"" + model + "\",\"max_tokens\":9,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), new Recorder());
      }
      upstream.enqueue(Reply.sse(OK));
      withDefault.stream(request("{\"model\":\"claude-opus-4-8\",\"max_tokens\":9,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), new Recorder());

      assertThat(upstream.requests()).extracting(r -> r.get("model").asText())
          .containsExactly("qwen3", "qwen3", "first", "qwen3");
    }
  }

  @Test
  void healthChecksPollTheModelListInTheBackgroundUntilClosed() throws Exception {
    OpenAiBackend backend = backend(
        config(upstream.baseUrl()).withResilience(2, Duration.ofMillis(50), 3, Duration.ofSeconds(10)));
    Thread.sleep(300);
    backend.close();
    int calls = upstream.modelCalls();
    Thread.sleep(200);

    assertThat(calls).isGreaterThanOrEqualTo(2);
    assertThat(upstream.modelCalls()).isEqualTo(calls);
  }

  @Test
  void countTokensUsesTheEstimate() {
    try (OpenAiBackend backend = backend(config(upstream.baseUrl()))) {
      assertThat(backend.countTokens(hello())).isEqualTo(42);
    }
  }

  private static ApiException failure(OpenAiBackend backend) {
    ApiException error = catchThrowableOfType(ApiException.class, () -> backend.stream(hello(), new Recorder()));
    assertThat(error.type()).isEqualTo(ErrorType.OVERLOADED);
    return error;
  }
}
