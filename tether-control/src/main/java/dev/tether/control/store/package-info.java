/**
 * Durable state behind one role, {@link dev.tether.control.store.SessionStore}: sessions, their event logs,
 * approvals and rules. Writes run one at a time as transactions ({@link dev.tether.control.store.StoreTx})
 * and complete only once durable; {@link dev.tether.control.store.SqliteSessionStore} batches them into
 * group commits. Migrations are numbered SQL files under {@code migrations/}. Knows nothing of HTTP.
 */
package dev.tether.control.store;
