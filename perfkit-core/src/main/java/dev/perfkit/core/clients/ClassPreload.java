package dev.perfkit.core.clients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, without initialising, the classes a list names: the classes a cold first invocation would
 * load, loaded before a SnapStart snapshot instead. Powertools for AWS Lambda (Java) preloads its
 * {@code classesloaded.txt} the same way.
 *
 * <p>perfkit's list, {@value #PERFKIT_LIST}, is what the README's handler loads from perfkit-core
 * and its runtime dependencies on its first request; {@code PreloadListGenerator} (perfkit-core's
 * tests) writes it. A name the class path lacks (a dependency left out) is skipped.
 */
final class ClassPreload {

  static final String PERFKIT_LIST = "META-INF/perfkit/preload-classes.txt";

  private final String resource;
  private final ClassLoader loader;

  ClassPreload(String resource, ClassLoader loader) {
    this.resource = resource;
    this.loader = loader;
  }

  /** perfkit's list, loaded by the class loader that loaded perfkit-core. */
  static ClassPreload perfkit() {
    return new ClassPreload(PERFKIT_LIST, ClassPreload.class.getClassLoader());
  }

  /**
   * Loads every class the list names.
   *
   * @return the names that could not be loaded, in list order; empty when all loaded or there is no
   *     list
   */
  List<String> load() {
    List<String> missing = new ArrayList<>();
    for (String name : names()) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(name);
      }
    }
    return missing;
  }

  /** The names in the list, one a line; blank lines and {@code #} comments skipped. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return names;
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return names;
  }
}
