/**
 * Running Claude Code as the launcher's child: finding the executable, the environment that points
 * it at the gateway, and owning the child process (signals, exit code, cleanup). It knows nothing
 * of the gateway's internals; the composition root hands it a URL, a token and model names.
 */
package dev.tether.cli.launch;
