package dev.tether.engine.tiny;

import dev.tether.engine.gguf.GgmlType;
import dev.tether.engine.gguf.GgufWriter;
import dev.tether.engine.tensor.Quantizer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The bytes of a large random weight matrix, N(0, 0.02), generated and quantised in chunks of rows
 * while the file is written: a 1B-parameter model never sits in the heap, and the chunks are
 * generated on all cores. Each chunk has its own seed derived from the matrix's, so the bytes do
 * not depend on the number of cores.
 */
record GeneratedMatrix(GgmlType type, int in, int out, long seed) implements GgufWriter.TensorData {
  /** About a million values per chunk: big enough to amortise the hand-off, small in the heap. */
  private static final int CHUNK_VALUES = 1 << 20;

  @Override
  public void writeTo(OutputStream stream) throws IOException {
    int rowsPerChunk = Math.max(1, CHUNK_VALUES / in);
    int chunks = (out + rowsPerChunk - 1) / rowsPerChunk;
    int parallel = Math.max(1, Runtime.getRuntime().availableProcessors());
    for (int first = 0; first < chunks; first += parallel) {
      byte[][] done = IntStream.range(first, Math.min(chunks, first + parallel))
          .parallel()
          .mapToObj(c -> chunk(c, rowsPerChunk))
          .toArray(byte[][]::new);
      for (byte[] b : done) {
        stream.write(b);
      }
    }
  }

  private byte[] chunk(int chunk, int rowsPerChunk) {
    int rows = Math.min(rowsPerChunk, out - chunk * rowsPerChunk);
    float[] v = new float[rows * in];
    SplittableRandom random = new SplittableRandom(seed ^ (chunk * 0x9E3779B97F4A7C15L));
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextGaussian() * 0.02);
    }
    return Quantizer.quantize(type, v);
  }
}
