package dev.tether.engine.template;

import java.util.List;

/** The parser's view of the tokens: the current token, one token of lookahead, and expectations. */
class TokenStream {
  /** How deeply expressions or blocks may nest: far beyond real templates, well within the stack. */
  static final int MAX_NESTING = 100;

  private final List<Token> tokens;
  private int pos;
  private int nesting;

  TokenStream(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Enters one level of nesting; a template nested deeper is refused, not a stack overflow. */
  final void enter() {
    if (++nesting > MAX_NESTING) {
      throw fail("the template nests deeper than " + MAX_NESTING + " levels");
    }
  }

  /** Leaves a level entered with {@link #enter()}. */
  final void exit() {
    nesting--;
  }

  final Token current() {
    return tokens.get(pos);
  }

  final Token look() {
    return tokens.get(Math.min(pos + 1, tokens.size() - 1));
  }

  final Token next() {
    Token token = tokens.get(pos);
    if (token.kind() != Token.Kind.EOF) {
      pos++;
    }
    return token;
  }

  final boolean skipName(String name) {
    if (current().isName(name)) {
      pos++;
      return true;
    }
    return false;
  }

  final boolean skipOperator(String op) {
    if (current().isOperator(op)) {
      pos++;
      return true;
    }
    return false;
  }

  final Token expect(Token.Kind kind) {
    if (current().kind() != kind) {
      throw fail("expected token '" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + "', got '" + current().describe() + "'");
    }
    return next();
  }

  final void expectOperator(String op) {
    if (!skipOperator(op)) {
      throw fail("expected token '" + op + "', got '" + current().describe() + "'");
    }
  }

  final void expectName(String name) {
    if (!skipName(name)) {
      throw fail("expected token '" + name + "', got '" + current().describe() + "'");
    }
  }

  final TemplateException fail(String message) {
    return new TemplateException(TemplateException.SYNTAX_ERROR, message + " (line " + current().line() + ")");
  }
}
