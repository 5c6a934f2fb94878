package dev.tether.gateway.backend.anthropic;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One upstream request in flight. Another thread can {@link #abort} it at any point: before the
 * answer the pending exchange is cancelled, after it the body stream is closed, which closes the
 * connection and wakes the reader.
 */
final class UpstreamExchange implements AutoCloseable {
  /** Why an exchange was aborted. */
  enum Abort {
    NONE,
    CLIENT_GONE,
    IDLE
  }

  private final CompletableFuture<HttpResponse<InputStream>> pending;
  private final Object lock = new Object();
  private InputStream body; // guarded by lock
  private volatile Abort aborted = Abort.NONE;

  UpstreamExchange(HttpClient client, HttpRequest request) {
    this.pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  /**
   * Waits for the status and headers. Throws the transport failure as it is, or an {@link
   * IOException} when the exchange was aborted meanwhile (see {@link #aborted()}).
   */
  HttpResponse<InputStream> await() throws IOException, InterruptedException {
    HttpResponse<InputStream> response;
    try {
      response = pending.get();
    } catch (CancellationException e) {
      throw new IOException("upstream exchange aborted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(UpstreamErrors.describe(cause), cause);
    }
    synchronized (lock) {
      body = response.body();
    }
    // An abort that raced with the answer found no body to close; close it now.
    if (aborted != Abort.NONE) {
      close();
      throw new IOException("upstream exchange aborted");
    }
    return response;
  }

  /** Aborts the exchange once; later calls keep the first reason. */
  void abort(Abort why) {
    synchronized (lock) {
      if (aborted == Abort.NONE) {
        aborted = why;
      }
    }
    close();
  }

  /** Why the exchange was aborted, or {@link Abort#NONE}. */
  Abort aborted() {
    return aborted;
  }

  /** Releases the exchange: cancels it if still pending and closes the body. Idempotent. */
  @Override
  public void close() {
    pending.cancel(true);
    InputStream in;
    synchronized (lock) {
      in = body;
    }
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Closing is best effort: the connection is being thrown away anyway.
      }
    }
  }
}
