package dev.tether.gateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenEstimatorTest {
  @Test
  void commonWordsCostAboutOneTokenEach() {
    // "The quick brown fox jumps over the lazy dog." is 10 tokens in cl100k/Llama 3.
    assertThat(TokenEstimator.text("The quick brown fox jumps over the lazy dog.")).isBetween(9L, 13L);
  }

  @Test
  void codeAndJsonCountTheirSymbols() {
    // {"command": "ls -la", "timeout": 5000} is 14 tokens in cl100k.
    assertThat(TokenEstimator.text("{\"command\": \"ls -la\", \"timeout\": 5000}")).isBetween(11L, 20L);
  }

  @Test
  void countsGrowLinearlyWithText() {
    long one = TokenEstimator.text("hello world.\n");
    assertThat(TokenEstimator.text("hello world.\n".repeat(100))).isEqualTo(one * 100);
  }

  @Test
  void emptyTextIsFree() {
    assertThat(TokenEstimator.text("")).isZero();
    assertThat(TokenEstimator.text(null)).isZero();
  }
}
