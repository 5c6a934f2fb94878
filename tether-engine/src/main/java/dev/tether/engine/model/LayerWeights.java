package dev.tether.engine.model;

import dev.tether.engine.tensor.WeightMatrix;

/**
 * One transformer block's weights. Matrices stay in the mapped file; the small vectors (norms,
 * biases) are read into the heap as floats. Absent optional vectors are {@code null}.
 *
 * @param attnNorm [dim] RMSNorm weight before attention
 * @param wq [qDim × dim]
 * @param wk [kvDim × dim]
 * @param wv [kvDim × dim]
 * @param bq [qDim] query bias (qwen2), or null
 * @param bk [kvDim] key bias, or null
 * @param bv [kvDim] value bias, or null
 * @param qNorm [headDim] per-head query RMSNorm (qwen3), or null
 * @param kNorm [headDim] per-head key RMSNorm (qwen3), or null
 * @param wo [dim × qDim]
 * @param ffnNorm [dim] RMSNorm weight before the feed-forward
 * @param wGate [ffn × dim]
 * @param wUp [ffn × dim]
 * @param wDown [dim × ffn]
 */
public record LayerWeights(
    float[] attnNorm,
    WeightMatrix wq,
    WeightMatrix wk,
    WeightMatrix wv,
    float[] bq,
    float[] bk,
    float[] bv,
    float[] qNorm,
    float[] kNorm,
    WeightMatrix wo,
    float[] ffnNorm,
    WeightMatrix wGate,
    WeightMatrix wUp,
    WeightMatrix wDown) {}
