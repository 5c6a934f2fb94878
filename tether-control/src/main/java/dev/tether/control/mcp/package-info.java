/**
 * Tether as an MCP server, on the official MCP Java SDK: the tools
 * ({@link dev.tether.control.mcp.McpTools}) over any {@link dev.tether.control.ControlApi}, served over
 * stdio by {@code tether mcp} ({@link dev.tether.control.mcp.McpStdio}, a client of the running server)
 * and over streamable HTTP at {@code /mcp} inside the server ({@link dev.tether.control.mcp.McpHttp}).
 */
package dev.tether.control.mcp;
