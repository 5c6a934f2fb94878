/**
 * The Anthropic Messages API as Java values: requests, responses, stream events and errors, with the
 * JSON mapper that reads and writes them. No HTTP, no backends: every other module speaks these types.
 */
package dev.tether.api;
