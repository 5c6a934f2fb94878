/**
 * Chat templates: our own Jinja2 interpreter, rendering a model's {@code tokenizer.chat_template}
 * exactly as Hugging Face transformers renders it with Python Jinja2.
 *
 * <p>Pipeline: {@link dev.tether.engine.template.Lexer} (trim_blocks, lstrip_blocks, whitespace
 * control) → {@link dev.tether.engine.template.Parser} (Jinja2's grammar and precedence) → an AST
 * of records ({@code Node}, {@code Expr}) → {@link dev.tether.engine.template.Interpreter} and
 * {@link dev.tether.engine.template.Evaluator}, working on a model of Python values ({@link
 * dev.tether.engine.template.Value}) with Python's semantics: None versus undefined, truthiness,
 * {@code repr}, {@code json.dumps}, str methods, slicing, and Python's error messages.
 *
 * <p>Sandboxed: a template reaches only the values it is given and the globals Jinja2 and
 * transformers define; there is no reflection and no path to a Java object. Values are immutable
 * (only {@code namespace()} objects change), and methods that would modify a value raise {@code
 * SecurityError}, as in transformers' {@code ImmutableSandboxedEnvironment}.
 *
 * <p>Entry points: {@link dev.tether.engine.template.ChatTemplate}, {@link
 * dev.tether.engine.template.Conversation}, {@link dev.tether.engine.template.SpecialTokens},
 * {@link dev.tether.engine.template.Values}, {@link dev.tether.engine.template.TemplateException}.
 * JDK only; nothing here may import HTTP, JSON libraries or the Messages API.
 */
package dev.tether.engine.template;
