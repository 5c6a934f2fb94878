/**
 * The changes in a session's directory as git sees them, for the diff view: one entry per file with its
 * unified patch. git runs as a child process with fixed arguments (never a shell), a timeout, an output
 * cap and the repository's external diff, textconv and fsmonitor programs turned off. Knows nothing of
 * HTTP or the store.
 */
package dev.tether.control.diff;
