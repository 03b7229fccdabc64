package io.personenricher.simulator;

import java.net.URI;
import java.util.Locale;

/**
 * Profile URL syntax as the API enforces it. The simulator keeps its own rules on purpose rather
 * than the product's: it is the oracle the client is tested against.
 *
 * <p>Threading notes: stateless.
 */
final class ProfileUrls {

  private ProfileUrls() {}

  /**
   * The slug of a well-formed profile URL ({@code http(s)://[www.]linkedin.com/in/<slug>[/]}, no
   * query or fragment), or null when the URL is malformed in a way the API rejects.
   */
  static String slugOf(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (Exception e) {
      return null;
    }
    String scheme = uri.getScheme();
    String host = uri.getHost();
    if (scheme == null
        || host == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getUserInfo() != null
        || uri.getPort() != -1) {
      return null;
    }
    if (!scheme.equalsIgnoreCase("https") && !scheme.equalsIgnoreCase("http")) {
      return null;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (!h.equals("linkedin.com") && !h.equals("www.linkedin.com")) {
      return null;
    }
    String path = uri.getRawPath();
    if (path == null || !path.startsWith("/in/")) {
      return null;
    }
    String slug = path.substring(4);
    if (slug.endsWith("/")) {
      slug = slug.substring(0, slug.length() - 1);
    }
    if (slug.isEmpty() || !slug.matches("[A-Za-z0-9%_.\\-]+")) {
      return null;
    }
    return slug;
  }
}
