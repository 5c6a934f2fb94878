package dev.tether.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTest {
  @Test
  void globsMatchWholeNamesCaseInsensitively() {
    Route haiku = Route.parse("claude-*haiku*=openai:qwen2.5-coder:1.5b");
    assertThat(haiku.backend()).isEqualTo("openai");
    assertThat(haiku.model()).isEqualTo("qwen2.5-coder:1.5b");
    assertThat(haiku.matches("claude-3-5-HAIKU-20241022")).isTrue();
    assertThat(haiku.matches("claude-opus-4-8")).isFalse();
    assertThat(Route.parse("gpt-?=x").matches("gpt-4")).isTrue();
    assertThat(Route.parse("a.b=x").matches("aXb")).as("dots are literal").isFalse();
  }

  @Test
  void aRouteWithoutModelKeepsTheRequestedName() {
    assertThat(Route.parse("*=anthropic").model()).isNull();
  }

  @Test
  void malformedRoutesAreRejectedWithAnExample() {
    assertThatThrownBy(() -> Route.parse("nobackend")).hasMessageContaining("GLOB=BACKEND");
    assertThatThrownBy(() -> Route.parse("x=")).hasMessageContaining("GLOB=BACKEND");
  }
}
