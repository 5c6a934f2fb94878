package dev.tether.gateway.backend.local;

/**
 * A request rendered for the model: the exact prompt text its chat template produced and its tokens.
 *
 * @param text the rendered prompt (never logged at INFO: it holds the conversation)
 * @param tokens the prompt's token ids, BOS included when the model wants one
 * @param startsInReasoning the prompt leaves the model inside a {@code <think>} block
 */
record LocalPrompt(String text, int[] tokens, boolean startsInReasoning) {}
