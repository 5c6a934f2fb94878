/**
 * The {@code tether} command line and the composition root: the only package that constructs and
 * wires backends, the router and the HTTP server.
 */
package dev.tether.cli;
