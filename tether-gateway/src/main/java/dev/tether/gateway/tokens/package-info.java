/** Token counting for backends without a tokenizer: a documented estimate, never a constant. */
package dev.tether.gateway.tokens;
