/**
 * Choosing the next token from logits: greedy, temperature, top_k, top_p, min_p, seeded. JDK only;
 * imports no other engine package.
 */
package dev.tether.engine.sample;
