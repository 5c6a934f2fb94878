/**
 * Tether's supervision core: {@link dev.tether.control.ControlService} owns sessions, their event logs,
 * approvals and rules behind a {@link dev.tether.control.store.SessionStore}; every surface (REST, SSE,
 * MCP, CLI, later the web UI and chat bridges) is a view of that one log. {@link dev.tether.control.ControlApi}
 * is the command surface they share; {@link dev.tether.control.client.ControlClient} speaks it over HTTP.
 *
 * <p>Must not import the gateway or the engine: the two meet only in {@code tether-cli}, the composition root.
 */
package dev.tether.control;
