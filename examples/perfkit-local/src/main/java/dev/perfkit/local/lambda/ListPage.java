package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a Lambda list operation: {@code MaxItems} items from {@code Marker} on, and the
 * {@code NextMarker} of the rest (absent on the last page), as the SDKs' paginators follow them.
 *
 * @param items the page's items
 * @param nextMarker where the next page starts, opaque to callers
 */
record ListPage<T>(List<T> items, Optional<String> nextMarker) {

  private static final String PREFIX = "perfkit-marker:";

  /** The page of {@code all} that {@code call}'s Marker and MaxItems ask for. */
  static <T> ListPage<T> of(List<T> all, ApiCall call, int defaultMaxItems, int largestMaxItems) {
    int start = call.query("Marker").map(ListPage::position).orElse(0);
    int maxItems = call.queryInteger("MaxItems", 1, largestMaxItems).orElse(defaultMaxItems);
    int end = (int) Math.min(all.size(), (long) start + maxItems);
    List<T> items = start >= all.size() ? List.of() : List.copyOf(all.subList(start, end));
    Optional<String> next = end < all.size() ? Optional.of(marker(end)) : Optional.empty();
    return new ListPage<>(items, next);
  }

  /** The page as {@code {"<listField>": [...], "NextMarker": ...}}. */
  ObjectNode write(String listField, Function<T, JsonNode> item) {
    ObjectNode body = ApiCall.JSON.createObjectNode();
    items.forEach(each -> body.withArray(listField).add(item.apply(each)));
    if (items.isEmpty()) {
      body.putArray(listField);
    }
    nextMarker.ifPresent(marker -> body.put("NextMarker", marker));
    return body;
  }

  private static String marker(int position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
  }

  private static int position(String marker) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        int position = Integer.parseInt(text.substring(PREFIX.length()));
        if (position >= 0) {
          return position;
        }
      }
    } catch (IllegalArgumentException e) {
      // refused below: not Base64, or not a number
    }
    throw LocalLambdaException.invalidParameter("Marker is not one this API returned: " + marker);
  }
}
