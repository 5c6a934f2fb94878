package dev.tether.engine.gguf;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * Unmodifiable element lists for {@link GgufValue.ArrayValue} backed by plain arrays, so a 150,000
 * entry vocabulary costs its strings and one array, not 150,000 value records.
 */
abstract sealed class CompactList extends AbstractList<GgufValue> implements RandomAccess
    permits CompactList.Longs, CompactList.Doubles, CompactList.Bools, CompactList.Strings {

  abstract GgufType elementType();

  /** Integers of one integer type, already range-checked by the reader. */
  static final class Longs extends CompactList {
    private final GgufType type;
    final long[] values;

    Longs(GgufType type, long[] values) {
      this.type = type;
      this.values = values;
      assert type.isInteger();
    }

    @Override
    GgufType elementType() {
      return type;
    }

    @Override
    public GgufValue get(int index) {
      return new GgufValue.IntValue(type, values[index]);
    }

    @Override
    public int size() {
      return values.length;
    }
  }

  /** FLOAT32 or FLOAT64 values. */
  static final class Doubles extends CompactList {
    private final GgufType type;
    final double[] values;

    Doubles(GgufType type, double[] values) {
      this.type = type;
      this.values = values;
    }

    @Override
    GgufType elementType() {
      return type;
    }

    @Override
    public GgufValue get(int index) {
      return new GgufValue.FloatValue(type, values[index]);
    }

    @Override
    public int size() {
      return values.length;
    }
  }

  /** Bools. */
  static final class Bools extends CompactList {
    final boolean[] values;

    Bools(boolean[] values) {
      this.values = values;
    }

    @Override
    GgufType elementType() {
      return GgufType.BOOL;
    }

    @Override
    public GgufValue get(int index) {
      return new GgufValue.BoolValue(values[index]);
    }

    @Override
    public int size() {
      return values.length;
    }
  }

  /** Strings. */
  static final class Strings extends CompactList {
    final String[] values;

    Strings(String[] values) {
      for (String s : values) {
        if (s == null) {
          throw new NullPointerException("null string in array");
        }
      }
      this.values = values;
    }

    @Override
    GgufType elementType() {
      return GgufType.STRING;
    }

    @Override
    public GgufValue get(int index) {
      return new GgufValue.StringValue(values[index]);
    }

    @Override
    public int size() {
      return values.length;
    }

    List<String> view() {
      return Collections.unmodifiableList(Arrays.asList(values));
    }
  }
}
