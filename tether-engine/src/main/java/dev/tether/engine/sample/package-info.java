/**
 * Choosing the next token from logits: greedy, temperature, top_k, top_p, min_p, seeded. Depends on
 * nothing but {@code runtime.Sampling}.
 */
package dev.tether.engine.sample;
