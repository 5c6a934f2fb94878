/**
 * Messages API request and response values: {@link dev.tether.api.messages.MessagesRequest}, messages,
 * content blocks, tools, tool choice and the non-streaming {@link dev.tether.api.messages.MessageResponse}.
 */
package dev.tether.api.messages;
