package dev.tether.engine.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-assembled GGUF bytes, for files the writer refuses to make. */
final class RawGguf {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static RawGguf header(long version, long tensors, long kvs) {
    RawGguf r = new RawGguf();
    r.out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    return r.u32(version).u64(tensors).u64(kvs);
  }

  RawGguf u8(int v) {
    out.write(v);
    return this;
  }

  RawGguf u32(long v) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    return this;
  }

  RawGguf u64(long v) {
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    return this;
  }

  RawGguf str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u64(b.length);
    out.writeBytes(b);
    return this;
  }

  /** A key and a UINT32 value. */
  RawGguf kvU32(String key, long v) {
    return str(key).u32(GgufType.UINT32.id()).u32(v);
  }

  /** A tensor info. */
  RawGguf tensor(String name, GgmlType type, long offset, long... dims) {
    str(name).u32(dims.length);
    for (long d : dims) {
      u64(d);
    }
    return u32(type.id()).u64(offset);
  }

  RawGguf zeros(int n) {
    out.writeBytes(new byte[n]);
    return this;
  }

  /** Pads to a multiple of 32. */
  RawGguf pad() {
    return zeros((32 - out.size() % 32) % 32);
  }

  int size() {
    return out.size();
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
