package dev.tether.engine.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Parses tokens into statements, following Jinja2's parser: {@code if/elif/else}, {@code for} (with
 * unpacking, an {@code if} filter, {@code else} and {@code recursive}), {@code set} (plain, tuple,
 * {@code ns.attr} and block forms), {@code macro}, {@code call}, {@code filter}, {@code with},
 * {@code print}, {@code break}/{@code continue} (the loopcontrols extension) and Hugging Face's
 * {@code generation}. Template inheritance and includes are not supported: a chat template is one
 * self-contained string.
 */
final class Parser extends ExprParser {
  private final Deque<List<String>> endTokens = new ArrayDeque<>();
  private final Deque<String> tags = new ArrayDeque<>();

  private Parser(List<Token> tokens) {
    super(tokens);
  }

  /** Parses a whole template. */
  static List<Node> parse(String source) {
    Parser parser = new Parser(Lexer.tokenize(source));
    List<Node> body = parser.subparse(null);
    if (parser.current().kind() != Token.Kind.EOF) {
      throw parser.fail("unexpected '" + parser.current().describe() + "'");
    }
    return body;
  }

  private List<Node> subparse(List<String> ends) {
    List<Node> body = new ArrayList<>();
    if (ends != null) {
      endTokens.push(ends);
    }
    try {
      while (current().kind() != Token.Kind.EOF) {
        Token token = current();
        switch (token.kind()) {
          case DATA -> {
            body.add(new Node.Text(token.text()));
            next();
          }
          case VARIABLE_BEGIN -> {
            next();
            body.add(new Node.Print(tuple(false, true, Set.of(), false)));
            expect(Token.Kind.VARIABLE_END);
          }
          case BLOCK_BEGIN -> {
            next();
            if (ends != null && current().kind() == Token.Kind.NAME && ends.contains(current().text())) {
              return List.copyOf(body);
            }
            statement(body);
            expect(Token.Kind.BLOCK_END);
          }
          default -> throw fail("unexpected '" + token.describe() + "'");
        }
      }
      return List.copyOf(body);
    } finally {
      if (ends != null) {
        endTokens.pop();
      }
    }
  }

  /** Jinja2's {@code parse_statements}: the block end, then a body up to one of {@code ends}. */
  private List<Node> statements(List<String> ends, boolean dropNeedle) {
    skipOperator(":");
    expect(Token.Kind.BLOCK_END);
    List<Node> body = subparse(ends);
    if (current().kind() == Token.Kind.EOF) {
      throw failEof(ends);
    }
    if (dropNeedle) {
      next();
    }
    return body;
  }

  private void statement(List<Node> body) {
    Token token = current();
    if (token.kind() != Token.Kind.NAME) {
      throw fail("tag name expected");
    }
    tags.push(token.text());
    enter();
    try {
      switch (token.text()) {
        case "if" -> body.add(parseIf());
        case "for" -> body.add(parseFor());
        case "set" -> body.add(parseSet());
        case "macro" -> body.add(parseMacro());
        case "call" -> body.add(parseCallBlock());
        case "filter" -> body.add(parseFilterBlock());
        case "with" -> body.add(parseWith());
        case "print" -> parsePrint(body);
        case "break" -> {
          next();
          body.add(new Node.Break());
        }
        case "continue" -> {
          next();
          body.add(new Node.Continue());
        }
        case "generation" -> {
          next();
          body.add(new Node.Scoped(statements(List.of("endgeneration"), true)));
        }
        case "block", "extends", "include", "import", "from", "autoescape" ->
            throw fail("the '" + token.text() + "' tag is not supported in chat templates");
        default -> throw unknownTag(token.text());
      }
    } finally {
      exit();
      tags.pop();
    }
  }

  private Node parseIf() {
    next();
    List<Node.Branch> branches = new ArrayList<>();
    List<Node> otherwise = List.of();
    while (true) {
      Expr test = tuple(false, false, Set.of(), false);
      List<Node> body = statements(List.of("elif", "else", "endif"), false);
      branches.add(new Node.Branch(test, body));
      Token token = next();
      if (token.isName("elif")) {
        continue;
      }
      if (token.isName("else")) {
        otherwise = statements(List.of("endif"), true);
      }
      break;
    }
    return new Node.If(List.copyOf(branches), otherwise);
  }

  private Node parseFor() {
    next();
    Node.Target target = assignTarget(true, false, Set.of("in"), false);
    expectName("in");
    Expr iterable = tuple(false, false, Set.of("recursive"), false);
    Expr filter = skipName("if") ? expression() : null;
    boolean recursive = skipName("recursive");
    List<Node> body = statements(List.of("endfor", "else"), false);
    List<Node> otherwise = next().isName("endfor") ? List.of() : statements(List.of("endfor"), true);
    return new Node.For(target, iterable, filter, body, otherwise, recursive);
  }

  private Node parseSet() {
    next();
    Node.Target target = assignTarget(true, false, Set.of(), true);
    if (skipOperator("=")) {
      return new Node.Set(target, tuple(false, true, Set.of(), false));
    }
    Expr filter = current().isOperator("|") ? filter(null, false) : null;
    return new Node.SetBlock(target, filter, statements(List.of("endset"), true));
  }

  private Node parseMacro() {
    next();
    String name = expect(Token.Kind.NAME).text();
    SignatureParts parts = signature();
    List<Node> body = statements(List.of("endmacro"), true);
    return new Node.Macro(name, parts.complete(body), body);
  }

  private Node parseCallBlock() {
    next();
    SignatureParts parts = current().isOperator("(") ? signature() : new SignatureParts(List.of(), List.of());
    Expr call = expression();
    if (!(call instanceof Expr.Call c)) {
      throw fail("expected call");
    }
    List<Node> body = statements(List.of("endcall"), true);
    return new Node.CallBlock(c, parts.complete(body), body);
  }

  private Node parseFilterBlock() {
    next();
    Expr filter = filter(null, true);
    return new Node.FilterBlock(filter, statements(List.of("endfilter"), true));
  }

  private Node parseWith() {
    next();
    List<Node.Target> targets = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (current().kind() != Token.Kind.BLOCK_END) {
      if (!targets.isEmpty()) {
        expectOperator(",");
      }
      targets.add(assignTarget(true, false, Set.of(), false));
      expectOperator("=");
      values.add(expression());
    }
    return new Node.With(List.copyOf(targets), List.copyOf(values), statements(List.of("endwith"), true));
  }

  private void parsePrint(List<Node> body) {
    next();
    boolean first = true;
    while (current().kind() != Token.Kind.BLOCK_END) {
      if (!first) {
        expectOperator(",");
      }
      first = false;
      body.add(new Node.Print(expression()));
    }
  }

  private record SignatureParts(List<String> names, List<Expr> defaults) {
    Node.Signature complete(List<Node> body) {
      Set<String> used = Names.undeclared(body, Set.of("varargs", "kwargs", "caller"));
      return new Node.Signature(names, defaults, used.contains("varargs"), used.contains("kwargs"),
          used.contains("caller"));
    }
  }

  private SignatureParts signature() {
    expectOperator("(");
    List<String> names = new ArrayList<>();
    List<Expr> defaults = new ArrayList<>();
    while (!current().isOperator(")")) {
      if (!names.isEmpty()) {
        expectOperator(",");
      }
      String name = expect(Token.Kind.NAME).text();
      if (skipOperator("=")) {
        defaults.add(expression());
      } else if (!defaults.isEmpty()) {
        throw fail("non-default argument follows default argument");
      }
      names.add(name);
    }
    expectOperator(")");
    return new SignatureParts(List.copyOf(names), List.copyOf(defaults));
  }

  private Node.Target assignTarget(boolean withTuple, boolean nameOnly, Set<String> extraEnd, boolean withNamespace) {
    if (withNamespace && current().kind() == Token.Kind.NAME && look().isOperator(".")) {
      String namespace = next().text();
      next();
      return new Node.Target.NamespaceAttr(namespace, expect(Token.Kind.NAME).text());
    }
    if (nameOnly) {
      return new Node.Target.Name(expect(Token.Kind.NAME).text());
    }
    Expr expr = withTuple ? tuple(true, true, extraEnd, false) : primary();
    return toTarget(expr);
  }

  private Node.Target toTarget(Expr expr) {
    return switch (expr) {
      case Expr.Name n when !Set.of("true", "false", "none", "True", "False", "None").contains(n.name()) ->
          new Node.Target.Name(n.name());
      case Expr.TupleLiteral t -> new Node.Target.Tuple(t.items().stream().map(this::toTarget).toList());
      default -> throw fail("can't assign to " + expr.getClass().getSimpleName());
    };
  }

  private TemplateException unknownTag(String name) {
    StringBuilder message = new StringBuilder("Encountered unknown tag '" + name + "'.");
    if (!endTokens.isEmpty()) {
      message.append(" Jinja was looking for the following tags: ").append(expected(endTokens.peek()))
          .append('.');
    }
    return fail(message.toString());
  }

  private TemplateException failEof(List<String> ends) {
    StringBuilder message = new StringBuilder("Unexpected end of template.");
    message.append(" Jinja was looking for the following tags: ").append(expected(ends)).append('.');
    if (tags.size() > 0) {
      message.append(" The innermost block that needs to be closed is '").append(tags.peek()).append("'.");
    }
    return fail(message.toString());
  }

  private static String expected(List<String> ends) {
    List<String> quoted = ends.stream().map(e -> "'" + e + "'").toList();
    if (quoted.size() == 1) {
      return quoted.getFirst();
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.getLast();
  }
}
