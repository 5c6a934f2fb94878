package dev.tether.cli.client;

import dev.tether.control.mcp.McpStdio;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * {@code tether mcp}: an MCP server on stdin/stdout whose tools call the running Tether server. Stdout
 * carries JSON-RPC only; logs go to stderr. Ends when stdin closes.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = "Serve Tether's tools over MCP on stdin/stdout (for an agent's MCP config), talking to the running server.",
    footer = {"", "Claude Code: claude mcp add tether -- tether mcp",
        "Tools: create_session, send_output, request_approval, check_input, list_sessions, get_session_output,"
            + " send_input, answer_approval"})
final class McpCommand extends ClientCommand {
  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    InputStream stdin = new FilterInputStream(new FileInputStream(FileDescriptor.in)) {
      @Override
      public int read() throws IOException {
        return ended(super.read());
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return ended(super.read(b, off, len));
      }

      private int ended(int n) {
        if (n < 0) {
          closed.countDown();
        }
        return n;
      }
    };
    var mcp = McpStdio.serve(server.connect("mcp"), stdin, new FileOutputStream(FileDescriptor.out),
        dev.tether.cli.client.Versions.current());
    closed.await();
    mcp.close();
    return 0;
  }
}
