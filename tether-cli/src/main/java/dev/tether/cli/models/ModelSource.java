package dev.tether.cli.models;

/** Where a model was found. */
public enum ModelSource {
  TETHER("tether"),
  OLLAMA("ollama"),
  LM_STUDIO("lmstudio"),
  HUGGING_FACE("hf-cache"),
  LLAMA_CPP("llama.cpp"),
  /** Listed by a running backend (an OpenAI-compatible server) rather than found on disk. */
  BACKEND("backend");

  private final String label;

  ModelSource(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
