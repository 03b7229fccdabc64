package io.personenricher.batching;

import java.nio.ByteBuffer;

/**
 * The byte layout of one pending-store value holding several entries of a group (format version 3),
 * and the edits on it. Entries are kept sorted by input offset, each as its {@link
 * PendingEntryCodec} bytes, so an edit copies bytes and never decodes an entry:
 *
 * <pre>
 *   [u8 3][i32 count][i64 first offset][i64 last offset]
 *   count × ([i64 offset][i32 length][length bytes: the entry])
 * </pre>
 *
 * <p>Why: one store value per event cost a store write and a changelog record per event, twice
 * (added, then removed). A segment rewritten in place collapses in the store cache within a commit,
 * so a commit writes each touched segment once.
 *
 * <p>Values written by earlier releases hold one entry each (format versions 1 and 2, see {@link
 * PendingEntryCodec}); {@link #isSegment} tells them apart by the version byte.
 */
final class PendingSegment {

  static final byte FORMAT_V3 = 3;
  private static final int HEADER = 1 + 4 + 8 + 8;
  private static final int ENTRY_HEADER = 8 + 4;

  /** Visits one entry of a segment: its offset and where its bytes are; false stops. */
  @FunctionalInterface
  interface EntryVisitor {
    boolean visit(long offset, byte[] segment, int from, int length);
  }

  private PendingSegment() {}

  static boolean isSegment(byte[] value) {
    return value.length > 0 && value[0] == FORMAT_V3;
  }

  /** A segment holding one entry. */
  static byte[] of(long offset, byte[] entry) {
    ByteBuffer out = ByteBuffer.allocate(HEADER + ENTRY_HEADER + entry.length);
    out.put(FORMAT_V3).putInt(1).putLong(offset).putLong(offset);
    out.putLong(offset).putInt(entry.length).put(entry);
    return out.array();
  }

  static int count(byte[] segment) {
    return ByteBuffer.wrap(segment, 1, 4).getInt();
  }

  static long lastOffset(byte[] segment) {
    return ByteBuffer.wrap(segment, 13, 8).getLong();
  }

  /** The segment with {@code entry} added at its place in offset order. */
  static byte[] insert(byte[] segment, long offset, byte[] entry) {
    int at = segment.length;
    ByteBuffer in = ByteBuffer.wrap(segment);
    if (offset <= lastOffset(segment)) {
      at = position(segment, offset);
      if (at < segment.length && in.getLong(at) == offset) {
        throw new IllegalStateException("offset " + offset + " is in the segment already");
      }
    }
    ByteBuffer out = ByteBuffer.allocate(segment.length + ENTRY_HEADER + entry.length);
    out.put(segment, 0, at).putLong(offset).putInt(entry.length).put(entry);
    out.put(segment, at, segment.length - at);
    long first = Math.min(in.getLong(5), offset);
    long last = Math.max(in.getLong(13), offset);
    out.putInt(1, count(segment) + 1).putLong(5, first).putLong(13, last);
    return out.array();
  }

  /**
   * The segment without the entry at {@code offset}: the same array when it holds none, null when
   * it was the last one.
   */
  static byte[] remove(byte[] segment, long offset) {
    int at = position(segment, offset);
    ByteBuffer in = ByteBuffer.wrap(segment);
    if (at >= segment.length || in.getLong(at) != offset) {
      return segment;
    }
    int count = count(segment);
    if (count == 1) {
      return null;
    }
    int end = at + ENTRY_HEADER + in.getInt(at + 8);
    ByteBuffer out = ByteBuffer.allocate(segment.length - (end - at));
    out.put(segment, 0, at).put(segment, end, segment.length - end);
    // Entries are sorted: the first one starts right after the header, the last one ends the array.
    long first = at == HEADER ? in.getLong(end) : in.getLong(5);
    long last = end == segment.length ? lastBefore(segment, at) : in.getLong(13);
    out.putInt(1, count - 1).putLong(5, first).putLong(13, last);
    return out.array();
  }

  /** Visits the entries from offset {@code fromOffset} on, in offset order, until one says stop. */
  static boolean forEach(byte[] segment, long fromOffset, EntryVisitor visitor) {
    ByteBuffer in = ByteBuffer.wrap(segment);
    int position = HEADER;
    while (position < segment.length) {
      long offset = in.getLong(position);
      int length = in.getInt(position + 8);
      if (offset >= fromOffset
          && !visitor.visit(offset, segment, position + ENTRY_HEADER, length)) {
        return false;
      }
      position += ENTRY_HEADER + length;
    }
    return true;
  }

  /** Where the first entry at or after {@code offset} starts (the segment's length if none). */
  private static int position(byte[] segment, long offset) {
    ByteBuffer in = ByteBuffer.wrap(segment);
    int position = HEADER;
    while (position < segment.length && in.getLong(position) < offset) {
      position += ENTRY_HEADER + in.getInt(position + 8);
    }
    return position;
  }

  private static long lastBefore(byte[] segment, int end) {
    ByteBuffer in = ByteBuffer.wrap(segment);
    int position = HEADER;
    long last = -1;
    while (position < end) {
      last = in.getLong(position);
      position += ENTRY_HEADER + in.getInt(position + 8);
    }
    return last;
  }
}
