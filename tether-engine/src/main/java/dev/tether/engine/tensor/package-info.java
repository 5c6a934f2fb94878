/**
 * Weight tensors and the kernels that compute with them: matrix × matrix and matrix × vector
 * products over the GGUF block formats (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K) read in place
 * from the mapped file, each with a Vector API kernel and a scalar reference beside it, run on a
 * persistent worker pool.
 */
package dev.tether.engine.tensor;
