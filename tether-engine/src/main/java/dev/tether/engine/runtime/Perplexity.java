package dev.tether.engine.runtime;

/**
 * Perplexity of a model over a text, computed as llama.cpp's {@code llama-perplexity} does: the
 * whole text is tokenized once (with BOS when the model adds it), cut into {@code floor(n / ctx)}
 * chunks of {@code ctx} tokens (the remainder dropped), each evaluated from an empty context with
 * its first token replaced by BOS when the model adds BOS; only the second half is scored, the
 * predictions at positions {@code ctx/2 … ctx-2} of the tokens after them. PPL = exp(mean NLL).
 */
public final class Perplexity {
  private Perplexity() {}

  /**
   * The result.
   *
   * @param perplexity exp of the mean negative log-likelihood
   * @param chunks chunks evaluated
   * @param scored tokens scored
   * @param tokens tokens in the text
   */
  public record Result(double perplexity, int chunks, int scored, int tokens) {}

  /** Told after each chunk: {@code done} of {@code total}, and the running perplexity. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total, ppl) -> {};

    void update(int done, int total, double perplexity);
  }

  /**
   * Computes the perplexity of {@code text} in chunks of {@code ctx} tokens.
   *
   * @throws IllegalArgumentException if the text has fewer than {@code 2 × ctx} tokens (as
   *     llama-perplexity requires) or {@code ctx} is outside {@code [4, contextLength]}
   */
  public static Result compute(InferenceEngine engine, String text, int ctx, Progress progress) {
    if (ctx < 4 || ctx > engine.contextLength()) {
      throw new IllegalArgumentException(
          "context " + ctx + " must be between 4 and the model's " + engine.contextLength());
    }
    var specials = engine.tokenizer().specialTokens();
    int[] tokens = engine.tokenizer().encode(text, true, false);
    if (tokens.length < 2 * ctx) {
      throw new IllegalArgumentException("the text has " + tokens.length + " tokens; at least " + 2 * ctx
          + " are needed for a context of " + ctx);
    }
    int chunks = tokens.length / ctx;
    int first = ctx / 2;
    double sum = 0;
    int count = 0;
    for (int c = 0; c < chunks; c++) {
      int[] chunk = java.util.Arrays.copyOfRange(tokens, c * ctx, (c + 1) * ctx);
      if (specials.addBos()) {
        chunk[0] = specials.bos().orElseThrow();
      }
      for (double nll : engine.negativeLogLikelihoods(chunk, first)) {
        sum += nll;
        count++;
      }
      progress.update(c + 1, chunks, Math.exp(sum / count));
    }
    return new Result(Math.exp(sum / count), chunks, count, tokens.length);
  }

  /** {@code -log softmax(logits[off … off + n))[target]}, computed stably in double. */
  static double negativeLogLikelihood(float[] logits, int off, int n, int target) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[off + i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(logits[off + i] - max);
    }
    return -(logits[off + target] - max - Math.log(sum));
  }
}
