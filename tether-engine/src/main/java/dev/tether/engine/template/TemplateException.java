package dev.tether.engine.template;

/**
 * A template failed to parse or to render. It carries the name of the exception Python Jinja2
 * raises in the same situation, so a failure reads as it would under Hugging Face transformers:
 * {@code TemplateError} for the template's own {@code raise_exception(…)}, {@code
 * TemplateSyntaxError} for a template that does not parse, {@code UndefinedError}, {@code
 * TypeError}, {@code SecurityError} (the sandbox refused an operation) and so on for the rest.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The class of {@code raise_exception(message)}. */
  public static final String TEMPLATE_ERROR = "TemplateError";
  /** The class of a template that does not parse. */
  public static final String SYNTAX_ERROR = "TemplateSyntaxError";

  private final String pythonClass;

  /**
   * @param pythonClass the Python exception class name, e.g. {@code TypeError}
   * @param message the message, worded as Python's
   */
  public TemplateException(String pythonClass, String message) {
    super(message);
    this.pythonClass = pythonClass;
  }

  /** The Python exception class Jinja2 would raise, e.g. {@code TemplateError} or {@code TypeError}. */
  public String pythonClass() {
    return pythonClass;
  }

  /** Whether the template itself raised this with {@code raise_exception(…)}. */
  public boolean raisedByTemplate() {
    return pythonClass.equals(TEMPLATE_ERROR);
  }

  /** {@code "<class>: <message>"}, as Python prints an exception. */
  public String describe() {
    return pythonClass + ": " + getMessage();
  }

  /** A Python {@code TypeError}. */
  static TemplateException typeError(String message) {
    return new TemplateException("TypeError", message);
  }
}
