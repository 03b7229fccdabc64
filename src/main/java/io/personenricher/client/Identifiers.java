package io.personenricher.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Identity of identifiers as the API sees it: which spellings name the same person lookup. Used to
 * group and de-duplicate events, and to recognise the API's echo of an identifier ({@code
 * matched_on}) in either the exact or a normalised spelling.
 */
public final class Identifiers {

  private static final Pattern PROFILE_SLUG = Pattern.compile("^[A-Za-z0-9%_-]{1,200}$");

  private Identifiers() {}

  /**
   * The canonical form of a person profile URL ({@code linkedin.com/in/<slug>}, lower case), or
   * null when the value is not one. Scheme, {@code www.}, letter case and a trailing slash do not
   * matter, as at the API.
   */
  public static String canonicalProfileUrl(String value) {
    String plain = plainProfileUrl(value);
    return plain != null ? plain : canonicalProfileUrlByUri(value);
  }

  private static final List<String> PLAIN_PREFIXES =
      List.of(
          "https://www.linkedin.com/in/",
          "https://linkedin.com/in/",
          "http://www.linkedin.com/in/",
          "http://linkedin.com/in/");

  /**
   * The canonical form of a URL spelled the common way (a lower-case prefix, then a slug of
   * letters, digits, {@code _} and {@code -}, perhaps a final {@code /}), without parsing it as a
   * URI: it is checked for every event. Null for any other spelling, which {@link
   * #canonicalProfileUrlByUri} then judges; for these the two agree.
   */
  static String plainProfileUrl(String value) {
    for (String prefix : PLAIN_PREFIXES) {
      if (value.startsWith(prefix)) {
        int end = value.endsWith("/") ? value.length() - 1 : value.length();
        int length = end - prefix.length();
        if (length < 1 || length > 200) {
          return null;
        }
        for (int i = prefix.length(); i < end; i++) {
          char c = value.charAt(i);
          if (!((c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-')) {
            return null;
          }
        }
        return "linkedin.com/in/" + value.substring(prefix.length(), end).toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  static String canonicalProfileUrlByUri(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null
        || uri.getPort() != -1
        || uri.getHost() == null) {
      return null;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (!(host.equals("linkedin.com") || host.equals("www.linkedin.com"))) {
      return null;
    }
    String path = uri.getRawPath();
    if (path == null || !path.startsWith("/in/")) {
      return null;
    }
    String slug = path.substring("/in/".length());
    if (slug.endsWith("/")) {
      slug = slug.substring(0, slug.length() - 1);
    }
    if (!PROFILE_SLUG.matcher(slug).matches()) {
      return null;
    }
    return "linkedin.com/in/" + slug.toLowerCase(Locale.ROOT);
  }

  /**
   * The normalised form of an identifier of the given kind: lower-case email, canonical profile
   * URL.
   */
  public static String normalize(IdentifierKind kind, String value) {
    String stripped = value.strip();
    if (kind == IdentifierKind.BUSINESS_EMAIL) {
      return stripped.toLowerCase(Locale.ROOT);
    }
    String canonical = canonicalProfileUrl(stripped);
    return canonical != null ? canonical : stripped.toLowerCase(Locale.ROOT);
  }

  /**
   * True when the API's echo names the identifier that was sent, exactly or in a normalised
   * spelling.
   */
  public static boolean sameIdentifier(IdentifierKind kind, String sent, String echoed) {
    return echoed != null
        && (echoed.equals(sent) || normalize(kind, echoed).equals(normalize(kind, sent)));
  }
}
