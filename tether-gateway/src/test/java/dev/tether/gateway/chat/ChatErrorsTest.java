package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatErrorsTest {

  @Test
  void anInvalidRequestBecomesAnOpenAiErrorBodyWithStatus400() {
    ApiException error = ApiException.invalidRequest("model is required");

    assertThat(ChatErrors.body(error)).isEqualTo(json("""
        {"error":{"message":"model is required","type":"invalid_request_error","param":null,
          "code":"invalid_request"}}"""));
    assertThat(ChatErrors.status(error)).isEqualTo(400);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "INVALID_REQUEST, invalid_request_error, 400",
    "AUTHENTICATION, authentication_error, 401",
    "PERMISSION, permission_error, 403",
    "NOT_FOUND, invalid_request_error, 404",
    "REQUEST_TOO_LARGE, invalid_request_error, 413",
    "RATE_LIMIT, rate_limit_error, 429",
    "API, server_error, 500",
    "TIMEOUT, server_error, 504",
    "OVERLOADED, server_error, 529"
  })
  void everyErrorTypeHasAnOpenAiTypeAndKeepsItsStatus(ErrorType type, String openAiType, int status) {
    ApiException error = new ApiException(type, "boom");

    assertThat(ChatErrors.body(error).at("/error/type").asText()).isEqualTo(openAiType);
    assertThat(ChatErrors.body(error).at("/error/code").isTextual()).isTrue();
    assertThat(ChatErrors.status(error)).isEqualTo(status);
  }
}
