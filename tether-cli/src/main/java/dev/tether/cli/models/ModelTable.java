package dev.tether.cli.models;

import dev.tether.cli.config.Units;
import java.util.ArrayList;
import java.util.List;

/** The table of models that {@code tether models} prints and the picker shows. */
public final class ModelTable {
  static final String[] HEADERS = {"NAME", "ARCH", "PARAMS", "QUANT", "SIZE", "CONTEXT", "SOURCE"};

  private ModelTable() {}

  /** One row of cells per model. */
  static String[] cells(ModelEntry m) {
    return new String[] {
      m.name(),
      m.problem() != null ? "(unreadable)" : m.architecture(),
      m.parametersLabel(),
      m.quantisation(),
      m.sizeBytes() > 0 ? Units.formatBytes(m.sizeBytes()) : "",
      m.contextLength() > 0 ? Units.formatTokens(m.contextLength()) : "",
      m.source().label()
    };
  }

  /** Column widths fitting the headers and every row. */
  static int[] widths(List<ModelEntry> models) {
    int[] widths = new int[HEADERS.length];
    for (int i = 0; i < HEADERS.length; i++) {
      widths[i] = HEADERS[i].length();
    }
    for (ModelEntry m : models) {
      String[] cells = cells(m);
      for (int i = 0; i < cells.length; i++) {
        widths[i] = Math.max(widths[i], cells[i].length());
      }
    }
    return widths;
  }

  static String line(String[] cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      b.append(cells[i]);
      if (i < cells.length - 1) {
        b.append(" ".repeat(widths[i] - cells[i].length() + 2));
      }
    }
    return b.toString().stripTrailing();
  }

  /** The whole table, with the problems of unreadable files listed below it. */
  public static List<String> render(List<ModelEntry> models) {
    int[] widths = widths(models);
    List<String> lines = new ArrayList<>();
    lines.add(line(HEADERS, widths));
    for (ModelEntry m : models) {
      lines.add(line(cells(m), widths));
    }
    for (ModelEntry m : models) {
      if (m.problem() != null) {
        lines.add("unreadable: " + m.problem());
      }
    }
    return lines;
  }
}
