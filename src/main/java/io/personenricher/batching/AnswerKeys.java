package io.personenricher.batching;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key of an identifier's answer, in the task's answer store and in the application's answer
 * book alike: {@code [u16 length][group key UTF-8][normalised identifier UTF-8]} (the group's
 * {@link StoreKeys#groupPrefix prefix}, then the identifier), so the same request options and
 * identifier make the same key everywhere.
 *
 * <p>Threading notes: stream thread only (it caches each group's prefix).
 */
final class AnswerKeys {

  private final Map<GroupKey, byte[]> prefixes = new HashMap<>();

  Bytes of(GroupKey group, String normalized) {
    byte[] prefix = prefixes.computeIfAbsent(group, g -> StoreKeys.groupPrefix(g).get());
    byte[] identifier = normalized.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(prefix.length + identifier.length).put(prefix).put(identifier).array());
  }
}
