/**
 * The CLI client: commands that talk to a running Tether server over its REST API ({@code status},
 * {@code list}, {@code new}, {@code input}, {@code interrupt}, {@code approve}, {@code deny},
 * {@code delete}, {@code watch}, {@code rules}, {@code open}), {@code tether mcp} (an MCP server over
 * stdio that is itself such a client), and {@code tether init}. One command per file; the server is
 * chosen by {@code --server}/{@code TETHER_SERVER} and the token by {@code --token}/{@code TETHER_TOKEN}/
 * the configuration. Uses the control plane's {@code ControlClient}, never the server's internals.
 */
package dev.tether.cli.client;
