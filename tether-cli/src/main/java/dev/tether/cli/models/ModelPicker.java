package dev.tether.cli.models;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * The interactive model picker: the models table with one row selected; ↑/↓ or k/j move, Enter
 * picks, q, Esc or Ctrl-C cancel. Long lists scroll within the terminal's height.
 */
public final class ModelPicker {
  private enum Key { UP, DOWN, PICK, CANCEL }

  private static final String REVERSE = "\033[7m";
  private static final String RESET = "\033[0m";

  private ModelPicker() {}

  /** Shows the picker; empty when the user cancels (or there is nothing to pick). */
  public static Optional<ModelEntry> pick(Terminal terminal, List<ModelEntry> models, String title) throws IOException {
    if (models.isEmpty()) {
      return Optional.empty();
    }
    KeyMap<Key> keys = new KeyMap<>();
    keys.bind(Key.UP, "k", "\033[A", "\033OA");
    keys.bind(Key.DOWN, "j", "\033[B", "\033OB");
    keys.bind(Key.PICK, "\r", "\n");
    keys.bind(Key.CANCEL, "q", "Q", "\033", KeyMap.ctrl('C'));
    keys.setAmbiguousTimeout(100);
    Attributes saved = terminal.enterRawMode();
    // Ctrl-C arrives as a key (cancel) rather than a signal.
    Attributes raw = new Attributes(terminal.getAttributes());
    raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
    terminal.setAttributes(raw);
    PrintWriter out = terminal.writer();
    int[] widths = ModelTable.widths(models);
    int visible = Math.max(3, Math.min(models.size(), (terminal.getHeight() > 0 ? terminal.getHeight() : 24) - 4));
    int selected = 0;
    int top = 0;
    int drawn = 0;
    try {
      BindingReader reader = new BindingReader(terminal.reader());
      while (true) {
        if (selected < top) {
          top = selected;
        } else if (selected >= top + visible) {
          top = selected - visible + 1;
        }
        if (drawn > 0) {
          out.print("\033[" + drawn + "A\r\033[J");
        }
        drawn = draw(out, models, widths, title, selected, top, visible);
        out.flush();
        Key key = reader.readBinding(keys);
        if (key == null || key == Key.CANCEL) {
          return Optional.empty();
        }
        switch (key) {
          case UP -> selected = (selected - 1 + models.size()) % models.size();
          case DOWN -> selected = (selected + 1) % models.size();
          case PICK -> {
            return Optional.of(models.get(selected));
          }
          case CANCEL -> throw new AssertionError("handled above");
        }
      }
    } finally {
      terminal.setAttributes(saved);
      out.print("\r\n");
      out.flush();
    }
  }

  private static int draw(PrintWriter out, List<ModelEntry> models, int[] widths, String title, int selected,
      int top, int visible) {
    int lines = 0;
    out.print(title + "  (↑/↓ or j/k, Enter to pick, q or Esc to cancel)\r\n");
    lines++;
    out.print("  " + ModelTable.line(ModelTable.HEADERS, widths) + "\r\n");
    lines++;
    for (int i = top; i < Math.min(models.size(), top + visible); i++) {
      String row = ModelTable.line(ModelTable.cells(models.get(i)), widths);
      out.print(i == selected ? "> " + REVERSE + row + RESET : "  " + row);
      out.print("\r\n");
      lines++;
    }
    if (models.size() > visible) {
      out.print("  (" + (selected + 1) + " of " + models.size() + ")\r\n");
      lines++;
    }
    return lines;
  }
}
