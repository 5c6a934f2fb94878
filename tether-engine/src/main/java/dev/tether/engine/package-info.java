/**
 * The embedded inference engine. Depends on the JDK only: it knows nothing of HTTP, JSON libraries or
 * the Messages API.
 */
package dev.tether.engine;
