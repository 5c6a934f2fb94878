package dev.tether.engine.gguf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One metadata value. The variants keep the exact {@link GgufType} they were stored as, so a value
 * read from a file writes back as the same bytes.
 *
 * <p>Large arrays (a vocabulary has 150,000 strings, scores and types) are held compactly: the
 * element list of an {@link ArrayValue} read from a file is backed by a primitive or string array and
 * creates element records on access; {@link ArrayValue#strings()}, {@link ArrayValue#floats()} and
 * {@link ArrayValue#ints()} give the typed contents without boxing.
 */
public sealed interface GgufValue
    permits GgufValue.IntValue,
        GgufValue.FloatValue,
        GgufValue.BoolValue,
        GgufValue.StringValue,
        GgufValue.ArrayValue {

  /** The stored type. */
  GgufType type();

  /**
   * One of the eight integer types. {@code value} holds the number; a {@code UINT64} at or above
   * 2<sup>63</sup> reads as a negative {@code long} (use {@link Long#toUnsignedString}).
   */
  record IntValue(GgufType type, long value) implements GgufValue {
    /** Checks that the type is an integer type and the value fits it. */
    public IntValue {
      Objects.requireNonNull(type, "type");
      boolean fits =
          switch (type) {
            case UINT8 -> value >= 0 && value <= 0xFF;
            case INT8 -> value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
            case UINT16 -> value >= 0 && value <= 0xFFFF;
            case INT16 -> value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
            case UINT32 -> value >= 0 && value <= 0xFFFF_FFFFL;
            case INT32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            case UINT64, INT64 -> true;
            case FLOAT32, FLOAT64, BOOL, STRING, ARRAY ->
                throw new IllegalArgumentException("not an integer type: " + type);
          };
      if (!fits) {
        throw new IllegalArgumentException(value + " does not fit in " + type);
      }
    }
  }

  /** {@code FLOAT32} or {@code FLOAT64}; a {@code FLOAT32} holds a value exactly representable as float. */
  record FloatValue(GgufType type, double value) implements GgufValue {
    /** Checks the type, and that a FLOAT32 value is a float. */
    public FloatValue {
      if (!Objects.requireNonNull(type, "type").isFloat()) {
        throw new IllegalArgumentException("not a float type: " + type);
      }
      if (type == GgufType.FLOAT32 && (double) (float) value != value && !Double.isNaN(value)) {
        throw new IllegalArgumentException(value + " is not a float32 value");
      }
    }
  }

  /** A bool, stored as one byte 0 or 1. */
  record BoolValue(boolean value) implements GgufValue {
    @Override
    public GgufType type() {
      return GgufType.BOOL;
    }
  }

  /** A UTF-8 string. */
  record StringValue(String value) implements GgufValue {
    /** Rejects null. */
    public StringValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public GgufType type() {
      return GgufType.STRING;
    }
  }

  /**
   * An array of values that all have {@code elementType}; arrays may nest.
   *
   * @param elementType the type of every element
   * @param elements the elements, unmodifiable
   */
  record ArrayValue(GgufType elementType, List<GgufValue> elements) implements GgufValue {
    /** Checks that every element has the element type, and makes the list unmodifiable. */
    public ArrayValue {
      Objects.requireNonNull(elementType, "elementType");
      if (!(elements instanceof CompactList compact && compact.elementType() == elementType)) {
        for (GgufValue e : elements) {
          if (e.type() != elementType) {
            throw new IllegalArgumentException(
                "array of " + elementType + " holds a " + e.type() + " element");
          }
        }
        elements = List.copyOf(elements);
      }
    }

    @Override
    public GgufType type() {
      return GgufType.ARRAY;
    }

    /** The number of elements. */
    public int size() {
      return elements.size();
    }

    /**
     * The elements of a string array.
     *
     * @throws IllegalStateException if this is not an array of strings
     */
    public List<String> strings() {
      requireElementType(elementType == GgufType.STRING, "strings");
      if (elements instanceof CompactList.Strings s) {
        return s.view();
      }
      return elements.stream().map(e -> ((StringValue) e).value()).toList();
    }

    /**
     * The elements of a float or integer array as floats.
     *
     * @throws IllegalStateException if this is not an array of numbers
     */
    public float[] floats() {
      requireElementType(elementType.isFloat() || elementType.isInteger(), "floats");
      float[] out = new float[elements.size()];
      switch (elements) {
        case CompactList.Doubles d -> {
          for (int i = 0; i < out.length; i++) {
            out[i] = (float) d.values[i];
          }
        }
        case CompactList.Longs l -> {
          for (int i = 0; i < out.length; i++) {
            out[i] = l.values[i];
          }
        }
        default -> {
          for (int i = 0; i < out.length; i++) {
            out[i] = (float) number(elements.get(i));
          }
        }
      }
      return out;
    }

    /**
     * The elements of an integer array as ints.
     *
     * @throws IllegalStateException if this is not an integer array or a value does not fit an int
     */
    public int[] ints() {
      long[] longs = longs();
      int[] out = new int[longs.length];
      for (int i = 0; i < out.length; i++) {
        if (longs[i] != (int) longs[i]) {
          throw new IllegalStateException("element " + i + " = " + longs[i] + " does not fit an int");
        }
        out[i] = (int) longs[i];
      }
      return out;
    }

    /**
     * The elements of an integer array as longs.
     *
     * @throws IllegalStateException if this is not an array of integers
     */
    public long[] longs() {
      requireElementType(elementType.isInteger(), "integers");
      if (elements instanceof CompactList.Longs l) {
        return l.values.clone();
      }
      return elements.stream().mapToLong(e -> ((IntValue) e).value()).toArray();
    }

    private void requireElementType(boolean ok, String wanted) {
      if (!ok) {
        throw new IllegalStateException("an array of " + elementType + " has no " + wanted);
      }
    }

    private static double number(GgufValue v) {
      return switch (v) {
        case IntValue i -> i.value();
        case FloatValue f -> f.value();
        case BoolValue _, StringValue _, ArrayValue _ -> throw new IllegalStateException("not a number");
      };
    }
  }

  // Factories, named after the stored type.

  /** A {@code UINT8}. */
  static GgufValue uint8(int v) {
    return new IntValue(GgufType.UINT8, v);
  }

  /** An {@code INT8}. */
  static GgufValue int8(int v) {
    return new IntValue(GgufType.INT8, v);
  }

  /** A {@code UINT16}. */
  static GgufValue uint16(int v) {
    return new IntValue(GgufType.UINT16, v);
  }

  /** An {@code INT16}. */
  static GgufValue int16(int v) {
    return new IntValue(GgufType.INT16, v);
  }

  /** A {@code UINT32}. */
  static GgufValue uint32(long v) {
    return new IntValue(GgufType.UINT32, v);
  }

  /** An {@code INT32}. */
  static GgufValue int32(int v) {
    return new IntValue(GgufType.INT32, v);
  }

  /** A {@code UINT64} (negative values stand for those at or above 2<sup>63</sup>). */
  static GgufValue uint64(long v) {
    return new IntValue(GgufType.UINT64, v);
  }

  /** An {@code INT64}. */
  static GgufValue int64(long v) {
    return new IntValue(GgufType.INT64, v);
  }

  /** A {@code FLOAT32}. */
  static GgufValue float32(float v) {
    return new FloatValue(GgufType.FLOAT32, v);
  }

  /** A {@code FLOAT64}. */
  static GgufValue float64(double v) {
    return new FloatValue(GgufType.FLOAT64, v);
  }

  /** A {@code BOOL}. */
  static GgufValue bool(boolean v) {
    return new BoolValue(v);
  }

  /** A {@code STRING}. */
  static GgufValue string(String v) {
    return new StringValue(v);
  }

  /** An array of strings. */
  static ArrayValue strings(List<String> values) {
    return new ArrayValue(GgufType.STRING, new CompactList.Strings(values.toArray(String[]::new)));
  }

  /** An array of {@code FLOAT32}. */
  static ArrayValue float32s(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    return new ArrayValue(GgufType.FLOAT32, new CompactList.Doubles(GgufType.FLOAT32, d));
  }

  /** An array of {@code INT32}. */
  static ArrayValue int32s(int[] values) {
    long[] l = Arrays.stream(values).asLongStream().toArray();
    return new ArrayValue(GgufType.INT32, new CompactList.Longs(GgufType.INT32, l));
  }

  /** An array of elements of one type (which may themselves be arrays). */
  static ArrayValue array(GgufType elementType, List<? extends GgufValue> elements) {
    return new ArrayValue(elementType, new ArrayList<>(elements));
  }
}
