package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The expression half of the parser, following Jinja2's grammar and precedence: conditional
 * expressions, {@code or}, {@code and}, {@code not}, comparison chains and {@code in}, {@code + -},
 * {@code ~}, {@code * / // %}, {@code **}, unary signs, then postfix access and calls, with filters
 * and tests binding tighter than any binary operator ({@code x|length - 1} is {@code (x|length) -
 * 1}; {@code not x is defined} is {@code not (x is defined)}).
 */
class ExprParser extends TokenStream {
  private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");

  ExprParser(List<Token> tokens) {
    super(tokens);
  }

  final Expr expression() {
    enter();
    try {
      return conditional();
    } finally {
      exit();
    }
  }

  /** An expression without the {@code x if c else y} form (for-loop iterables, if tests). */
  final Expr expressionNoConditional() {
    return or();
  }

  private Expr conditional() {
    Expr expr = or();
    while (skipName("if")) {
      Expr test = or();
      Expr otherwise = skipName("else") ? conditional() : null;
      expr = new Expr.Conditional(test, expr, otherwise);
    }
    return expr;
  }

  private Expr or() {
    Expr left = and();
    while (skipName("or")) {
      left = new Expr.Or(left, and());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (skipName("and")) {
      left = new Expr.And(left, not());
    }
    return left;
  }

  private Expr not() {
    if (skipName("not")) {
      enter();
      try {
        return new Expr.Not(not());
      } finally {
        exit();
      }
    }
    return compare();
  }

  private Expr compare() {
    Expr first = math1();
    List<Expr.Operand> rest = new ArrayList<>();
    while (true) {
      Token token = current();
      if (token.kind() == Token.Kind.OPERATOR && COMPARE.contains(token.text())) {
        next();
        rest.add(new Expr.Operand(token.text(), math1()));
      } else if (skipName("in")) {
        rest.add(new Expr.Operand("in", math1()));
      } else if (token.isName("not") && look().isName("in")) {
        next();
        next();
        rest.add(new Expr.Operand("notin", math1()));
      } else {
        break;
      }
    }
    return rest.isEmpty() ? first : new Expr.Compare(first, List.copyOf(rest));
  }

  private Expr math1() {
    Expr left = concat();
    while (current().isOperator("+") || current().isOperator("-")) {
      String op = next().text();
      left = new Expr.Binary(op, left, concat());
    }
    return left;
  }

  private Expr concat() {
    List<Expr> parts = new ArrayList<>();
    parts.add(math2());
    while (skipOperator("~")) {
      parts.add(math2());
    }
    return parts.size() == 1 ? parts.getFirst() : new Expr.Concat(List.copyOf(parts));
  }

  private Expr math2() {
    Expr left = pow();
    while (current().kind() == Token.Kind.OPERATOR
        && Set.of("*", "/", "//", "%").contains(current().text())) {
      String op = next().text();
      left = new Expr.Binary(op, left, pow());
    }
    return left;
  }

  private Expr pow() {
    Expr left = unary(true);
    while (skipOperator("**")) {
      left = new Expr.Binary("**", left, unary(true));
    }
    return left;
  }

  private Expr unary(boolean withFilter) {
    Expr node;
    if (current().isOperator("-") || current().isOperator("+")) {
      String op = next().text();
      enter();
      try {
        node = new Expr.Unary(op, unary(false));
      } finally {
        exit();
      }
    } else {
      node = primary();
    }
    node = postfix(node);
    return withFilter ? filterExpr(node) : node;
  }

  final Expr primary() {
    Token token = current();
    switch (token.kind()) {
      case NAME -> {
        next();
        return switch (token.text()) {
          case "true", "True" -> new Expr.Const(Value.TRUE);
          case "false", "False" -> new Expr.Const(Value.FALSE);
          case "none", "None" -> new Expr.Const(Value.NONE);
          default -> new Expr.Name(token.text());
        };
      }
      case STRING -> {
        StringBuilder text = new StringBuilder();
        while (current().kind() == Token.Kind.STRING) {
          text.append(next().text());
        }
        return new Expr.Const(Value.str(text.toString()));
      }
      case INTEGER -> {
        next();
        try {
          return new Expr.Const(Value.integer(Long.parseLong(token.text())));
        } catch (NumberFormatException e) {
          throw fail("integer literal too large: " + token.text());
        }
      }
      case FLOAT -> {
        next();
        return new Expr.Const(new Value.Float(Double.parseDouble(token.text())));
      }
      case OPERATOR -> {
        if (skipOperator("(")) {
          Expr expr = tuple(false, true, Set.of(), true);
          expectOperator(")");
          return expr;
        }
        if (token.isOperator("[")) {
          return list();
        }
        if (token.isOperator("{")) {
          return dict();
        }
      }
      default -> {}
    }
    throw fail("unexpected '" + token.describe() + "'");
  }

  /**
   * Jinja2's {@code parse_tuple}: one expression, or a tuple when commas separate several.
   *
   * @param simplified only primaries (assignment targets)
   * @param withConditional allow {@code x if c else y}
   * @param extraEnd names that end the tuple besides the tag end and {@code )}
   * @param explicitParentheses whether {@code ()} is allowed as the empty tuple
   */
  final Expr tuple(boolean simplified, boolean withConditional, Set<String> extraEnd, boolean explicitParentheses) {
    List<Expr> items = new ArrayList<>();
    boolean isTuple = false;
    while (true) {
      if (!items.isEmpty()) {
        expectOperator(",");
      }
      if (tupleEnd(extraEnd)) {
        break;
      }
      items.add(simplified ? primary() : withConditional ? expression() : expressionNoConditional());
      if (current().isOperator(",")) {
        isTuple = true;
      } else {
        break;
      }
    }
    if (!isTuple) {
      if (!items.isEmpty()) {
        return items.getFirst();
      }
      if (!explicitParentheses) {
        throw fail("Expected an expression, got '" + current().describe() + "'");
      }
    }
    return new Expr.TupleLiteral(List.copyOf(items));
  }

  private boolean tupleEnd(Set<String> extraEnd) {
    Token token = current();
    return token.kind() == Token.Kind.VARIABLE_END
        || token.kind() == Token.Kind.BLOCK_END
        || token.isOperator(")")
        || (token.kind() == Token.Kind.NAME && extraEnd.contains(token.text()));
  }

  private Expr list() {
    expectOperator("[");
    List<Expr> items = new ArrayList<>();
    while (!current().isOperator("]")) {
      if (!items.isEmpty()) {
        expectOperator(",");
      }
      if (current().isOperator("]")) {
        break;
      }
      items.add(expression());
    }
    expectOperator("]");
    return new Expr.ListLiteral(List.copyOf(items));
  }

  private Expr dict() {
    expectOperator("{");
    List<Expr> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (!current().isOperator("}")) {
      if (!keys.isEmpty()) {
        expectOperator(",");
      }
      if (current().isOperator("}")) {
        break;
      }
      keys.add(expression());
      expectOperator(":");
      values.add(expression());
    }
    expectOperator("}");
    return new Expr.DictLiteral(List.copyOf(keys), List.copyOf(values));
  }

  private Expr postfix(Expr node) {
    while (true) {
      if (current().isOperator(".") || current().isOperator("[")) {
        node = subscript(node);
      } else if (current().isOperator("(")) {
        node = new Expr.Call(node, callArgs());
      } else {
        return node;
      }
    }
  }

  private Expr filterExpr(Expr node) {
    while (true) {
      if (current().isOperator("|")) {
        node = filter(node, false);
      } else if (current().isName("is")) {
        node = test(node);
      } else if (current().isOperator("(")) {
        node = new Expr.Call(node, callArgs());
      } else {
        return node;
      }
    }
  }

  private Expr subscript(Expr node) {
    Token token = next();
    if (token.isOperator(".")) {
      Token attr = next();
      if (attr.kind() == Token.Kind.NAME) {
        return new Expr.GetAttr(node, attr.text());
      }
      if (attr.kind() != Token.Kind.INTEGER) {
        throw fail("expected name or number");
      }
      return new Expr.GetItem(node, new Expr.Const(Value.integer(Long.parseLong(attr.text()))));
    }
    List<Expr> args = new ArrayList<>();
    while (!current().isOperator("]")) {
      if (!args.isEmpty()) {
        expectOperator(",");
      }
      args.add(subscribed());
    }
    expectOperator("]");
    Expr key = args.size() == 1 ? args.getFirst() : new Expr.TupleLiteral(List.copyOf(args));
    return new Expr.GetItem(node, key);
  }

  private Expr subscribed() {
    Expr start = null;
    if (!skipOperator(":")) {
      start = expression();
      if (!skipOperator(":")) {
        return start;
      }
    }
    Expr stop = null;
    if (!current().isOperator(":") && !current().isOperator("]") && !current().isOperator(",")) {
      stop = expression();
    }
    Expr step = null;
    if (skipOperator(":") && !current().isOperator("]") && !current().isOperator(",")) {
      step = expression();
    }
    return new Expr.Slice(start, stop, step);
  }

  final Expr.Args callArgs() {
    expectOperator("(");
    List<Expr> positional = new ArrayList<>();
    List<Expr.Keyword> keywords = new ArrayList<>();
    Expr varargs = null;
    Expr kwargs = null;
    boolean requireComma = false;
    while (!current().isOperator(")")) {
      if (requireComma) {
        expectOperator(",");
        if (current().isOperator(")")) {
          break;
        }
      }
      if (skipOperator("*")) {
        ensure(varargs == null && kwargs == null);
        varargs = expression();
      } else if (skipOperator("**")) {
        ensure(kwargs == null);
        kwargs = expression();
      } else if (current().kind() == Token.Kind.NAME && look().isOperator("=")) {
        ensure(kwargs == null);
        String name = next().text();
        next();
        keywords.add(new Expr.Keyword(name, expression()));
      } else {
        ensure(varargs == null && kwargs == null && keywords.isEmpty());
        positional.add(expression());
      }
      requireComma = true;
    }
    expectOperator(")");
    return new Expr.Args(List.copyOf(positional), List.copyOf(keywords), varargs, kwargs);
  }

  private void ensure(boolean condition) {
    if (!condition) {
      throw fail("invalid syntax for function call expression");
    }
  }

  /** {@code |name(args)} filters, repeated; with {@code startInline} the first {@code |} is absent. */
  final Expr filter(Expr node, boolean startInline) {
    while (current().isOperator("|") || startInline) {
      if (!startInline) {
        next();
      }
      StringBuilder name = new StringBuilder(expect(Token.Kind.NAME).text());
      while (skipOperator(".")) {
        name.append('.').append(expect(Token.Kind.NAME).text());
      }
      Expr.Args args = current().isOperator("(") ? callArgs() : Expr.Args.NONE;
      node = new Expr.Filter(node, name.toString(), args);
      startInline = false;
    }
    return node;
  }

  private Expr test(Expr node) {
    next(); // is
    boolean negated = skipName("not");
    StringBuilder name = new StringBuilder(expect(Token.Kind.NAME).text());
    while (skipOperator(".")) {
      name.append('.').append(expect(Token.Kind.NAME).text());
    }
    Expr.Args args = Expr.Args.NONE;
    Token token = current();
    if (token.isOperator("(")) {
      args = callArgs();
    } else if ((token.kind() == Token.Kind.NAME || token.kind() == Token.Kind.STRING
            || token.kind() == Token.Kind.INTEGER || token.kind() == Token.Kind.FLOAT
            || token.isOperator("(") || token.isOperator("[") || token.isOperator("{"))
        && !token.isName("else") && !token.isName("or") && !token.isName("and")) {
      if (token.isName("is")) {
        throw fail("You cannot chain multiple tests with is");
      }
      Expr arg = postfix(primary());
      args = new Expr.Args(List.of(arg), List.of(), null, null);
    }
    Expr test = new Expr.Test(node, name.toString(), args);
    return negated ? new Expr.Not(test) : test;
  }
}
