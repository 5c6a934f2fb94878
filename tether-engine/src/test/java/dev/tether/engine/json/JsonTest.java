package dev.tether.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesObjectsArraysAndLiteralsIntoPlainJavaValues() {
    Object value = Json.parse(" {\"a\": [1, \"x\", true, false, null], \"b\": {}} ");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", Arrays.asList(new BigDecimal("1"), "x", true, false, null));
    expected.put("b", Map.of());
    assertThat(value).isEqualTo(expected);
  }

  @Test
  void keepsKeyOrderAndLetsARepeatedKeyKeepItsLastValue() {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) Json.parse("{\"z\":1,\"a\":2,\"z\":3}");

    assertThat(map.keySet()).containsExactly("z", "a");
    assertThat(map.get("z")).isEqualTo(new BigDecimal("3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "12", "-3.25", "1e3", "1E-7", "2.5e+10", "123456789012345678901234567890"})
  void parsesNumbersExactlyAsBigDecimal(String number) {
    assertThat(Json.parse(number)).isEqualTo(new BigDecimal(number));
  }

  @ParameterizedTest
  @ValueSource(strings = {"01", "1.", ".5", "-", "1e", "+1", "0x10", "1.e5", "--1"})
  void rejectsNumbersOutsideTheJsonGrammar(String number) {
    assertThatThrownBy(() -> Json.parse(number)).isInstanceOf(JsonException.class);
  }

  @Test
  void decodesEveryEscapeIncludingSurrogatePairs() {
    Object value = Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\uD83D\\uDE00\"");

    assertThat(value).isEqualTo("q\" b\\ s/ \b\f\n\r\t é \uD83D\uDE00");
  }

  @Test
  void writesCompactJsonWithCorrectEscapes() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("text", "a\"b\\c\nd\te\u0001\u2028 é 😀");
    map.put("list", List.of(1, 2.5, new BigDecimal("1E+3"), BigInteger.TEN, true));
    map.put("none", null);

    assertThat(Json.write(map))
        .isEqualTo(
            "{\"text\":\"a\\\"b\\\\c\\nd\\te\\u0001\\u2028 é 😀\","
                + "\"list\":[1,2.5,1E+3,10,true],\"none\":null}");
  }

  @Test
  void escapesLoneSurrogatesSoTheOutputStaysValidUnicode() {
    assertThat(Json.quote("x\uD800y\uDC00")).isEqualTo("\"x\\ud800y\\udc00\"");
  }

  @Test
  void roundTripsWhatItWrites() {
    String json = "{\"a\":[1,{\"b\":\"\\u0000\\\"\"},[]],\"c\":-0.5,\"d\":\"😀\\n\"}";

    assertThat(Json.write(Json.parse(json))).isEqualTo(json);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"a\" 1}|5|Expected ':'",
        "[1,2|4|Expected ',' or ']'",
        "{\"a\":1,}|7|Expected a string key",
        "\"abc|4|Unterminated string",
        "tru|0|expected 'true'",
        "[1] x|4|after the value",
        "\"\\x\"|1|Invalid escape",
        "\"\\u12G4\"|5|Invalid hex digit",
        "''|0|Unexpected character",
      })
  void reportsWhereInvalidInputGoesWrong(String text, int position, String problem) {
    assertThatThrownBy(() -> Json.parse(text))
        .isInstanceOfSatisfying(
            JsonException.class, e -> assertThat(e.position()).isEqualTo(position))
        .hasMessageContaining(problem)
        .hasMessageContaining("at position " + position);
  }

  @Test
  void rejectsEmptyInputAndRawControlCharacters() {
    assertThatThrownBy(() -> Json.parse("  ")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessageContaining("control character");
  }

  @Test
  void refusesNestingDeeperThanTheLimitInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThatThrownBy(() -> Json.parse(deep))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("Nesting deeper than " + Json.DEFAULT_MAX_DEPTH);
    assertThat(Json.parse("[[[1]]]", 3)).isEqualTo(List.of(List.of(List.of(BigDecimal.ONE))));
    assertThatThrownBy(() -> Json.parse("[[[[1]]]]", 3)).isInstanceOf(JsonException.class);
  }

  @Test
  void refusesToWriteNonFiniteNumbersAndUnknownTypes() {
    assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void returnsMutableCollectionsTheCallerOwns() {
    Object value = Json.parse("[{\"a\":1}]");

    assertThat(value).isInstanceOf(ArrayList.class);
    assertThat(((List<?>) value).getFirst()).isInstanceOf(LinkedHashMap.class);
  }
}
