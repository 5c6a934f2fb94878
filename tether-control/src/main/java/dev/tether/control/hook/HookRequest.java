package dev.tether.control.hook;

/**
 * How the hook was called, besides its payload: the query of {@code POST /api/hooks/{event}}, filled by
 * {@code tether hook} from claude's environment.
 *
 * @param session the Tether session this claude runs for ({@code TETHER_SESSION}, set for headless
 *     sessions), or null: then the session is found, or made, by claude's own session id
 * @param remote tools are gated remotely whatever the away setting ({@code TETHER_HOOK_REMOTE=1}: nobody
 *     sits at a headless claude's terminal)
 */
public record HookRequest(String session, boolean remote) {
  /** A launched claude's hook: no session named, gated by away mode. */
  public static final HookRequest LAUNCHED = new HookRequest(null, false);

  /** Whether Tether runs this claude itself (headless): then its runner, not the hooks, owns its life. */
  public boolean managed() {
    return session != null;
  }
}
