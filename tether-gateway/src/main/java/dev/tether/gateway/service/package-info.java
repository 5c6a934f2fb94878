/**
 * The gateway's request pipeline without HTTP: bind and validate a Messages request, route it,
 * normalise it for its backend, stream the reply (mapping shortened tool names back), count tokens,
 * list models. The HTTP layer and tests call this; it never sees Javalin.
 */
package dev.tether.gateway.service;
