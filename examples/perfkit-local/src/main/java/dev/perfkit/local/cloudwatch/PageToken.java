package dev.perfkit.local.cloudwatch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A {@code NextToken}: the position of the first item of the next page, opaque to clients. */
final class PageToken {

  private static final String PREFIX = "perfkit-page:";

  private PageToken() {}

  static String encode(long position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
  }

  /** The position in {@code token}; InvalidNextToken when it is not one of ours. */
  static long decode(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        long position = Long.parseLong(text.substring(PREFIX.length()));
        if (position >= 0) {
          return position;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error: not base64, or not a number
    }
    throw CloudWatchException.invalidNextToken(token);
  }
}
