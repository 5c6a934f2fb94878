/**
 * Finding models on disk: {@code .gguf} files in Tether's models directory and in the stores users
 * already have (Ollama, LM Studio, the Hugging Face cache, llama.cpp's cache), described from their
 * GGUF headers only; the table {@code tether models} prints and the terminal picker.
 */
package dev.tether.cli.models;
