/** API errors: the {@link dev.tether.api.error.ErrorType} that knows its status and wire name, and the exception that carries it. */
package dev.tether.api.error;
