package dev.tether.engine.model;

import dev.tether.engine.gguf.GgmlType;
import dev.tether.engine.gguf.GgufFile;
import dev.tether.engine.gguf.GgufTensorInfo;
import dev.tether.engine.tensor.WeightMatrix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * All weights of a model, read in place from a mapped GGUF file with llama.cpp's tensor names.
 *
 * @param tokenEmbedding [vocab × dim] {@code token_embd.weight}
 * @param layers the blocks
 * @param outputNorm [dim] {@code output_norm.weight}
 * @param output [vocab × dim] {@code output.weight}, or the token embedding when the file ties them
 * @param ropeFreqFactors [ropeDims / 2] divisors of the RoPE frequencies ({@code rope_freqs.weight},
 *     Llama 3 scaling), or null
 */
public record ModelWeights(
    WeightMatrix tokenEmbedding,
    List<LayerWeights> layers,
    float[] outputNorm,
    WeightMatrix output,
    float[] ropeFreqFactors) {

  /** The block formats the kernels compute with. */
  public static final Set<GgmlType> SUPPORTED_TYPES =
      EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
          GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K);

  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort I16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /**
   * Reads the weights of a model with configuration {@code c}.
   *
   * @throws UnsupportedModelException when a tensor is missing, has the wrong shape or an unsupported type
   */
  public static ModelWeights load(GgufFile file, ModelConfig c) throws UnsupportedModelException {
    Reader r = new Reader(file);
    WeightMatrix embd = r.matrix("token_embd.weight", c.vocab(), c.dim());
    var layers = new java.util.ArrayList<LayerWeights>(c.layers());
    boolean qkNorm = c.architecture().equals("qwen3");
    for (int i = 0; i < c.layers(); i++) {
      String b = "blk." + i + ".";
      layers.add(new LayerWeights(
          r.vector(b + "attn_norm.weight", c.dim()),
          r.matrix(b + "attn_q.weight", c.qDim(), c.dim()),
          r.matrix(b + "attn_k.weight", c.kvDim(), c.dim()),
          r.matrix(b + "attn_v.weight", c.kvDim(), c.dim()),
          r.optionalVector(b + "attn_q.bias", c.qDim()),
          r.optionalVector(b + "attn_k.bias", c.kvDim()),
          r.optionalVector(b + "attn_v.bias", c.kvDim()),
          qkNorm ? r.vector(b + "attn_q_norm.weight", c.headDim()) : null,
          qkNorm ? r.vector(b + "attn_k_norm.weight", c.headDim()) : null,
          r.matrix(b + "attn_output.weight", c.dim(), c.qDim()),
          r.vector(b + "ffn_norm.weight", c.dim()),
          r.matrix(b + "ffn_gate.weight", c.ffn(), c.dim()),
          r.matrix(b + "ffn_up.weight", c.ffn(), c.dim()),
          r.matrix(b + "ffn_down.weight", c.dim(), c.ffn())));
    }
    float[] outNorm = r.vector("output_norm.weight", c.dim());
    WeightMatrix output =
        file.header().tensor("output.weight").isPresent()
            ? r.matrix("output.weight", c.vocab(), c.dim())
            : embd;
    float[] freqs = r.optionalVector("rope_freqs.weight", c.ropeDims() / 2);
    return new ModelWeights(embd, List.copyOf(layers), outNorm, output, freqs);
  }

  /** Reads tensors by name with shape and type checks. */
  private record Reader(GgufFile file) {

    GgufTensorInfo info(String name) throws UnsupportedModelException {
      return file.header().tensor(name)
          .orElseThrow(() -> new UnsupportedModelException("the model has no tensor " + name));
    }

    WeightMatrix matrix(String name, int rows, int cols) throws UnsupportedModelException {
      GgufTensorInfo t = info(name);
      if (!SUPPORTED_TYPES.contains(t.type())) {
        throw new UnsupportedModelException(
            "tensor " + name + " has type " + t.type() + ", which is not supported (" + SUPPORTED_TYPES + ")");
      }
      if (t.rank() != 2 || t.dim(0) != cols || t.dim(1) != rows) {
        throw new UnsupportedModelException("tensor " + name + " has shape " + java.util.Arrays.toString(t.dims())
            + ", expected [" + cols + ", " + rows + "]");
      }
      return new WeightMatrix(name, t.type(), rows, cols, file.tensorData(t));
    }

    float[] optionalVector(String name, int n) throws UnsupportedModelException {
      return file.header().tensor(name).isPresent() ? vector(name, n) : null;
    }

    float[] vector(String name, int n) throws UnsupportedModelException {
      GgufTensorInfo t = info(name);
      if (t.elementCount() != n) {
        throw new UnsupportedModelException("tensor " + name + " has " + t.elementCount() + " values, expected " + n);
      }
      MemorySegment data = file.tensorData(t);
      float[] v = new float[n];
      switch (t.type()) {
        case F32 -> {
          for (int i = 0; i < n; i++) {
            v[i] = data.getAtIndex(F32, i);
          }
        }
        case F16 -> {
          for (int i = 0; i < n; i++) {
            v[i] = Float.float16ToFloat(data.getAtIndex(I16, i));
          }
        }
        case BF16 -> {
          for (int i = 0; i < n; i++) {
            v[i] = Float.intBitsToFloat((data.getAtIndex(I16, i) & 0xffff) << 16);
          }
        }
        default -> throw new UnsupportedModelException("tensor " + name + " has type " + t.type()
            + "; vectors must be F32, F16 or BF16");
      }
      return v;
    }
  }
}
