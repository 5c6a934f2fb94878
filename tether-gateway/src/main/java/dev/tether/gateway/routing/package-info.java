/** Routing: which backend answers a request, chosen from the request's model name by glob rules. */
package dev.tether.gateway.routing;
