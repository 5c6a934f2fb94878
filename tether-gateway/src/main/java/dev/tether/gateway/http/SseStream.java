package dev.tether.gateway.http;

import dev.tether.api.error.ApiException;
import dev.tether.api.stream.Sse;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.backend.EventSink;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes a backend's events to the client as SSE. The HTTP status (200) is committed with the first
 * event; from then on a {@code ping} goes out whenever nothing was written for half the ping interval
 * (so gaps stay under the interval even during a long prefill), and a write that fails means the
 * client is gone: the request is cancelled and the backend stops at its next event.
 */
final class SseStream implements EventSink, AutoCloseable {
  /** The Anthropic keep-alive. */
  static final byte[] ANTHROPIC_PING = Sse.bytes(new StreamEvent.Ping());
  /** An SSE comment: the keep-alive for OpenAI clients, which know no ping event. */
  static final byte[] COMMENT_PING = ": ping\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final byte[] ping;
  private final HttpServletResponse response;
  private final Cancellation cancellation;
  private final ScheduledExecutorService scheduler;
  private final long intervalNanos;
  private OutputStream out;
  private ScheduledFuture<?> pinger;
  private long lastWrite;
  private boolean gone;

  SseStream(HttpServletResponse response, Cancellation cancellation, ScheduledExecutorService scheduler,
      Duration pingInterval, byte[] ping) {
    this.ping = ping;
    this.response = response;
    this.cancellation = cancellation;
    this.scheduler = scheduler;
    this.intervalNanos = pingInterval.toNanos();
  }

  /** Whether the 200 and at least one event went out. */
  synchronized boolean started() {
    return out != null;
  }

  @Override
  public void accept(StreamEvent event) {
    send(Sse.format(event));
  }

  /** Writes already-formatted SSE text (the first write commits the 200). */
  synchronized void send(String sseText) {
    if (out == null) {
      begin();
    }
    write(sseText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Ends the stream with an {@code error} event (the status is already 200). */
  synchronized void fail(ApiException error) {
    try {
      write(Sse.bytes(new StreamEvent.Error(new dev.tether.api.error.ErrorDetail(error.type(), error.getMessage()))));
    } catch (ClientGoneException ignored) {
      // Nobody left to tell.
    }
  }

  @Override
  public synchronized void close() {
    if (pinger != null) {
      pinger.cancel(false);
    }
  }

  private void begin() {
    response.setStatus(200);
    response.setContentType("text/event-stream; charset=utf-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    try {
      out = response.getOutputStream();
    } catch (IOException e) {
      throw gone(e);
    }
    long period = Math.max(1, intervalNanos / 2);
    pinger = scheduler.scheduleAtFixedRate(this::pingIfQuiet, period, period, TimeUnit.NANOSECONDS);
  }

  private synchronized void pingIfQuiet() {
    if (gone || System.nanoTime() - lastWrite < intervalNanos / 2) {
      return;
    }
    try {
      write(ping);
    } catch (ClientGoneException e) {
      // cancellation already fired; the backend notices.
    }
  }

  private void write(byte[] bytes) {
    if (gone) {
      throw new ClientGoneException(null);
    }
    try {
      out.write(bytes);
      out.flush();
      lastWrite = System.nanoTime();
    } catch (IOException e) {
      throw gone(e);
    }
  }

  private ClientGoneException gone(IOException e) {
    gone = true;
    if (pinger != null) {
      pinger.cancel(false);
    }
    cancellation.cancel();
    return new ClientGoneException(e);
  }
}
