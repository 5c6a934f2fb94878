/**
 * The event log's vocabulary and its live side: the {@link dev.tether.control.event.Event} envelope
 * ({@code session_id, seq, ts, type, data}), the sealed {@link dev.tether.control.event.SessionEvent}
 * types, their JSON codec, and the {@link dev.tether.control.event.EventBus} that fans committed events
 * out to streams and waiters. Knows nothing of HTTP or SQL.
 */
package dev.tether.control.event;
