package dev.perfkit.lab.cli;

import java.nio.file.Path;

/**
 * Where {@code serve} keeps the lab's queues and tables across stops by default, as the XDG base
 * directory specification places state: {@code $XDG_STATE_HOME/perfkit-lab/<user>}, else {@code
 * ~/.local/state/perfkit-lab/<user>}.
 */
final class StateDirectory {

  private StateDirectory() {}

  static Path of(String username) {
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("perfkit-lab").resolve(username);
  }
}
