/**
 * The HTTP face of the control plane on Javalin, installed by one call,
 * {@link dev.tether.control.web.ControlHttp#install}: REST under {@code /api} (JSON, errors as
 * {@code {"error":{"code","message"}}}), SSE streams with {@code id:} = seq and {@code event:} = type,
 * the older external-agent routes ({@code /api/external/…}, REST and WebSocket) mapped onto the same
 * core, Claude Code's hooks ({@code POST /api/hooks/{event}}) and away mode ({@code /api/away}),
 * bearer-token auth in front of every route but the public few, the MCP endpoint, the Web Push
 * routes, the diff of a session's directory, and the web UI's static files (resources under
 * {@code app/}: plain ES modules, no build step). Sees the service and its value types only; never
 * the store.
 */
package dev.tether.control.web;
