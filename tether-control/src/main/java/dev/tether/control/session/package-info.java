/**
 * Sessions as values: the {@link dev.tether.control.session.Session} record, its
 * {@link dev.tether.control.session.SessionState states} and their legal transitions, the agents that run
 * them, and the request records that create, change and find them. No I/O here.
 */
package dev.tether.control.session;
