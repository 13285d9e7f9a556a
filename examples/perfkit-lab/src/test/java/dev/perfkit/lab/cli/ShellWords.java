package dev.perfkit.lab.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits a printed command line into words as a POSIX shell does (quotes, no expansions). */
final class ShellWords {

  private ShellWords() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        word.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        int end = i + 1;
        while (line.charAt(end) != '"') {
          if (line.charAt(end) == '\\') {
            end++;
          }
          word.append(line.charAt(end));
          end++;
        }
        i = end;
        inWord = true;
      } else if (c == '#' && !inWord) {
        break;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
