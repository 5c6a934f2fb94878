/**
 * The transformer of the llama family read from GGUF: {@link dev.tether.engine.model.ModelConfig}
 * (hyperparameters per architecture), {@link dev.tether.engine.model.ModelWeights} (tensors in the
 * mapped file), {@link dev.tether.engine.model.KvCache} (F16 keys and values of one sequence) and
 * {@link dev.tether.engine.model.Transformer} (the batched forward pass). Uses {@code gguf} and
 * {@code tensor} only; knows nothing of sampling, slots or requests (must not import {@code
 * runtime} or {@code sample}).
 */
package dev.tether.engine.model;
