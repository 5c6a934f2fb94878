package dev.tether.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.stream.MessageAssembler;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.chat.ChatErrors;
import dev.tether.gateway.chat.ChatRequestTranslator;
import dev.tether.gateway.chat.ChatResponseTranslator;
import dev.tether.gateway.chat.ChatStreamTranslator;
import dev.tether.gateway.service.GatewayService;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/chat/completions}: the OpenAI surface on the same backends. The body is
 * translated to a Messages request, answered through the same pipeline, and the reply translated
 * back; errors have the OpenAI shape.
 */
final class ChatCompletionsHttp {
  private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsHttp.class);

  private final GatewayHttp http;
  private final GatewayService service;

  ChatCompletionsHttp(GatewayHttp http, GatewayService service) {
    this.http = http;
    this.service = service;
  }

  void handle(Context ctx) {
    try {
      http.authenticate(ctx);
      JsonNode body = http.body(ctx);
      MessagesRequest request = ChatRequestTranslator.toMessagesRequest(body);
      Cancellation cancellation = new Cancellation();
      ObjectNode raw = Json.MAPPER.valueToTree(request);
      GatewayService.Prepared prepared = service.prepare(GatewayHttp.id(ctx), request, raw,
          GatewayHttp.headers(ctx), ctx.queryString(), cancellation, false);
      if (request.streaming()) {
        stream(ctx, body, prepared, cancellation);
      } else {
        MessageAssembler assembler = new MessageAssembler();
        service.stream(prepared, assembler::accept);
        ctx.contentType("application/json").result(Json.write(ChatResponseTranslator.toChatCompletion(assembler.message())));
      }
    } catch (ApiException e) {
      fail(ctx, e);
    } catch (ClientGoneException e) {
      LOG.debug("client went away: POST /v1/chat/completions");
    } catch (RuntimeException e) {
      LOG.warn("internal error on POST /v1/chat/completions", e);
      fail(ctx, new ApiException(ErrorType.API, "internal error: " + e.getClass().getSimpleName()));
    }
  }

  private void stream(Context ctx, JsonNode body, GatewayService.Prepared prepared, Cancellation cancellation) {
    try (SseStream sse = new SseStream(ctx.res(), cancellation, http.pinger, http.options.pingInterval(), SseStream.COMMENT_PING)) {
      ChatStreamTranslator chat = ChatStreamTranslator.forRequest(body, sse::send);
      try {
        service.stream(prepared, chat);
      } catch (ApiException e) {
        if (!sse.started()) {
          throw e;
        }
        chat.error(e);
      } finally {
        cancellation.cancel();
      }
    }
  }

  private static void fail(Context ctx, ApiException e) {
    ctx.status(ChatErrors.status(e));
    GatewayHttp.setRetryAfter(ctx, e);
    ctx.contentType("application/json").result(Json.write(ChatErrors.body(e)));
  }
}
