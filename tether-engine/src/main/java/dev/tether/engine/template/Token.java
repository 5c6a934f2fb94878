package dev.tether.engine.template;

/**
 * One token of a template.
 *
 * @param kind what it is
 * @param text the text: the data, the name, the operator, or the decoded string literal
 * @param line 1-based line where it starts
 */
record Token(Kind kind, String text, int line) {
  /** Token kinds. */
  enum Kind {
    /** Literal text outside tags. */
    DATA,
    /** {@code {{}. */
    VARIABLE_BEGIN,
    /** {@code }}}. */
    VARIABLE_END,
    /** {@code {%}. */
    BLOCK_BEGIN,
    /** {@code %}}. */
    BLOCK_END,
    /** An identifier (keywords included). */
    NAME,
    /** A string literal, already decoded. */
    STRING,
    /** An integer literal, digits only. */
    INTEGER,
    /** A float literal, underscores removed. */
    FLOAT,
    /** An operator or punctuation. */
    OPERATOR,
    /** End of the template. */
    EOF
  }

  /** Whether this is the name {@code name}. */
  boolean isName(String name) {
    return kind == Kind.NAME && text.equals(name);
  }

  /** Whether this is the operator {@code op}. */
  boolean isOperator(String op) {
    return kind == Kind.OPERATOR && text.equals(op);
  }

  /** How the token is described in syntax errors, as Jinja2 does. */
  String describe() {
    return switch (kind) {
      case NAME, OPERATOR, INTEGER, FLOAT -> text;
      case STRING -> "string";
      case DATA -> "template data / text";
      case VARIABLE_BEGIN -> "begin of print statement";
      case VARIABLE_END -> "end of print statement";
      case BLOCK_BEGIN -> "begin of statement block";
      case BLOCK_END -> "end of statement block";
      case EOF -> "end of template";
    };
  }
}
