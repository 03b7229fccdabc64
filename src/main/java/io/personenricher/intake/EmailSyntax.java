package io.personenricher.intake;

/**
 * The address syntax the validator accepts, checked in one pass without a regular expression (every
 * event is checked at admission, so the check sits on the stream thread's hot path):
 *
 * <pre>
 *   local  = atom ("." atom)*            atom  = 1* of  A-Z a-z 0-9 ! # $ % &amp; ' * + / = ? ^ _ ` { | } ~ -
 *   domain = (label ".")+ top             label = 1-63 of A-Z a-z 0-9 -, not starting or ending with -
 *   top    = 2-63 of A-Z a-z
 * </pre>
 *
 * The same language as the pattern {@code
 * ^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$},
 * which the tests hold it to.
 */
final class EmailSyntax {

  private static final String ATOM_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";
  private static final int MAX_LABEL = 63;
  private static final int MIN_TOP = 2;

  private EmailSyntax() {}

  static boolean isValid(String value) {
    int at = localPartEnd(value);
    return at > 0 && at < value.length() && value.charAt(at) == '@' && isDomain(value, at + 1);
  }

  /** Where the dot-separated atoms from the start end, or -1 if they are malformed. */
  private static int localPartEnd(String value) {
    int i = 0;
    int atomLength = 0;
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '.') {
        if (atomLength == 0) {
          return -1;
        }
        atomLength = 0;
      } else if (isAlphanumeric(c) || ATOM_SYMBOLS.indexOf(c) >= 0) {
        atomLength++;
      } else {
        break;
      }
    }
    return atomLength == 0 ? -1 : i;
  }

  private static boolean isDomain(String value, int from) {
    int labels = 0;
    int start = from;
    for (int dot; (dot = value.indexOf('.', start)) >= 0; start = dot + 1) {
      if (!isLabel(value, start, dot)) {
        return false;
      }
      labels++;
    }
    return labels > 0 && isTop(value, start, value.length());
  }

  private static boolean isLabel(String value, int from, int to) {
    int length = to - from;
    if (length < 1 || length > MAX_LABEL) {
      return false;
    }
    if (!isAlphanumeric(value.charAt(from)) || !isAlphanumeric(value.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = value.charAt(i);
      if (!isAlphanumeric(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isTop(String value, int from, int to) {
    int length = to - from;
    if (length < MIN_TOP || length > MAX_LABEL) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isLetter(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlphanumeric(char c) {
    return isLetter(c) || (c >= '0' && c <= '9');
  }
}
