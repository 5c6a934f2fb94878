package dev.tether.gateway.backend.anthropic;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes headers and URLs safe to log: credentials and cookies are replaced by {@link #REDACTED}, so a
 * debug log shared in a bug report leaks no key.
 */
public final class Redaction {
  /** What a secret value is replaced by. */
  public static final String REDACTED = "[redacted]";

  private static final Set<String> SECRET_NAMES =
      Set.of("x-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie");

  private Redaction() {}

  /** Whether a header (any case) may carry a credential. */
  public static boolean isSecret(String headerName) {
    String name = headerName.toLowerCase(Locale.ROOT);
    // Besides the known names, catch custom credential headers (x-auth-token, x-goog-api-key, …).
    return SECRET_NAMES.contains(name)
        || name.contains("api-key")
        || name.contains("token")
        || name.contains("secret")
        || name.contains("auth");
  }

  /** A copy of {@code headers}, in the same order, with every secret value replaced. */
  public static Map<String, List<String>> headers(Map<String, List<String>> headers) {
    Map<String, List<String>> safe = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            safe.put(name, isSecret(name) ? values.stream().map(v -> REDACTED).toList() : List.copyOf(values)));
    return safe;
  }

  /** The URL without user info ({@code user:password@}), which would otherwise be a credential. */
  public static String url(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.getScheme()
        + "://"
        + uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1)
        + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
