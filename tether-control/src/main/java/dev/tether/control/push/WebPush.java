package dev.tether.control.push;

import dev.tether.control.ControlService;
import dev.tether.control.store.SqliteSessionStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Web Push for one control plane: its key, its subscriptions and the notifier that follows its events.
 * {@link #start()} begins notifying; {@link #close()} stops.
 */
public final class WebPush implements AutoCloseable {
  private final PushStore store;
  private final Vapid vapid;
  private final PushNotifier notifier;
  private Thread thread;

  WebPush(ControlService service, PushStore store, PushSender sender, Vapid vapid) {
    this.store = store;
    this.vapid = vapid;
    this.notifier = new PushNotifier(service, store, sender);
  }

  /**
   * Web Push over the service's SQLite database (empty when the service keeps its sessions elsewhere):
   * the keys are generated on first use and kept there.
   */
  public static Optional<WebPush> open(ControlService service) {
    if (!(service.store() instanceof SqliteSessionStore sqlite)) {
      return Optional.empty();
    }
    return Optional.of(open(service, sqlite.file(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
        Vapid.DEFAULT_SUBJECT));
  }

  static WebPush open(ControlService service, Path database, HttpClient http, String subject) {
    PushStore store = PushStore.open(database);
    Vapid vapid = store.vapid(subject);
    return new WebPush(service, store, new PushSender(http, vapid, Clock.systemUTC()), vapid);
  }

  /** The public key browsers subscribe with (base64url, uncompressed P-256 point). */
  public String publicKey() {
    return vapid.publicKey();
  }

  /** Stores a subscription; false when the table is full. */
  public boolean subscribe(PushSubscription s) {
    return store.save(s);
  }

  public boolean unsubscribe(String endpoint) {
    return store.delete(endpoint);
  }

  public int subscriptions() {
    return store.all().size();
  }

  public synchronized void start() {
    if (thread == null) {
      thread = Thread.ofVirtual().name("tether-push").start(notifier);
    }
  }

  @Override
  public synchronized void close() {
    notifier.stop();
    if (thread != null) {
      thread.interrupt();
    }
    store.close();
  }
}
