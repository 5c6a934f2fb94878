/**
 * A small JSON reader and writer on the JDK alone. Values are plain Java objects: {@link
 * java.util.Map} (insertion ordered), {@link java.util.List}, {@link String}, {@link
 * java.math.BigDecimal}, {@link Boolean} and {@code null}. The engine uses it for tool-call
 * arguments and chat templates, where pulling in a JSON library is not allowed.
 */
package dev.tether.engine.json;
