package dev.tether.engine.template;

import dev.tether.engine.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Conversions from plain Java objects and JSON text into template {@link Value}s. */
public final class Values {
  private Values() {}

  /**
   * Converts a plain Java object: {@code null} → None, {@link Boolean} → bool, integral numbers
   * ({@link Integer}, {@link Long}, {@link BigInteger}, and {@link BigDecimal} with scale 0, which
   * is how JSON integers parse) → int, other numbers → float, {@link CharSequence} → str, {@link
   * Map} → dict (keys as strings, order kept), {@link Iterable} → list. A {@link Value} is returned
   * as it is.
   *
   * @throws IllegalArgumentException for other types, or integers beyond a {@code long}
   */
  public static Value of(Object object) {
    return switch (object) {
      case null -> Value.NONE;
      case Value v -> v;
      case Boolean b -> Value.bool(b);
      case Integer i -> Value.integer(i);
      case Long l -> Value.integer(l);
      case Short s -> Value.integer(s);
      case Byte b -> Value.integer(b);
      case BigInteger b -> Value.integer(exactLong(b));
      case BigDecimal d -> d.scale() <= 0 && d.scale() == 0 ? Value.integer(exactLong(d.toBigInteger()))
          : new Value.Float(d.doubleValue());
      case Number n -> new Value.Float(n.doubleValue());
      case CharSequence s -> Value.str(s.toString());
      case Map<?, ?> m -> {
        SequencedMap<Value, Value> map = new LinkedHashMap<>();
        m.forEach((k, v) -> map.put(Value.str(String.valueOf(k)), of(v)));
        yield new Value.Dict(map);
      }
      case Iterable<?> it -> {
        List<Value> items = new ArrayList<>();
        it.forEach(item -> items.add(of(item)));
        yield new Value.Seq(items, Value.Seq.LIST);
      }
      default -> throw new IllegalArgumentException("no template value for " + object.getClass().getName());
    };
  }

  private static long exactLong(BigInteger value) {
    if (value.bitLength() >= 64) {
      throw new IllegalArgumentException("integer out of range: " + value);
    }
    return value.longValue();
  }

  /**
   * Parses JSON into a value, as Python's {@code json.loads} would: integers stay ints, numbers with a
   * fraction or exponent become floats, object key order is kept.
   *
   * @throws dev.tether.engine.json.JsonException if the text is not JSON
   */
  public static Value parseJson(String json) {
    return of(Json.parse(json));
  }

  /** Python's {@code str(value)}: what {@code {{ value }}} prints. */
  public static String str(Value value) {
    return PyRepr.str(value);
  }

  /** Python's {@code repr(value)}. */
  public static String repr(Value value) {
    return PyRepr.repr(value);
  }
}
