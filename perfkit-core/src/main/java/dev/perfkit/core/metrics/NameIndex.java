package dev.perfkit.core.metrics;

import java.util.Arrays;

/**
 * The names of a scope's metrics or properties, in the order they were added. A scope holds a few
 * (a handler records about ten), so lookups scan the array; past {@value #LINEAR_LIMIT} names an
 * open-addressing table of positions keeps them constant-time. Not thread-safe: the scope locks.
 */
final class NameIndex {

  private static final int LINEAR_LIMIT = 16;

  private String[] names;
  private int size;

  /** Position + 1 of each name at its hash slot, 0 for empty; null while the scan is cheap. */
  private int[] slots;

  NameIndex(int capacity) {
    this.names = new String[capacity];
  }

  int size() {
    return size;
  }

  /** How many names fit before the array grows: parallel arrays of the scope follow it. */
  int capacity() {
    return names.length;
  }

  String name(int position) {
    return names[position];
  }

  /** The position of {@code name}, or -1. */
  int indexOf(String name) {
    if (slots == null) {
      int hash = name.hashCode();
      for (int i = 0; i < size; i++) {
        String candidate = names[i];
        // Strings cache their hash: comparing it first spares most equals calls.
        if (candidate.hashCode() == hash && candidate.equals(name)) {
          return i;
        }
      }
      return -1;
    }
    int mask = slots.length - 1;
    for (int slot = spread(name.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int entry = slots[slot];
      if (entry == 0) {
        return -1;
      }
      if (names[entry - 1].equals(name)) {
        return entry - 1;
      }
    }
  }

  /** Adds {@code name}, which must be absent, and returns its position. */
  int add(String name) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
    }
    int position = size++;
    names[position] = name;
    if (size > LINEAR_LIMIT) {
      if (slots == null || size * 2 > slots.length) {
        rebuildSlots();
      } else {
        insertSlot(position);
      }
    }
    return position;
  }

  private void rebuildSlots() {
    slots = new int[Integer.highestOneBit(size * 4)];
    for (int i = 0; i < size; i++) {
      insertSlot(i);
    }
  }

  private void insertSlot(int position) {
    int mask = slots.length - 1;
    int slot = spread(names[position].hashCode()) & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = position + 1;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
