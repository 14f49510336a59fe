package org.radassist.app.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands what a user named (files and folders) into the files to read, in a stable order. */
public final class InputFiles {
  private InputFiles() {}

  public static List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list folder " + path + ": " + e.getMessage(), e);
        }
      } else {
        files.add(path);
      }
    }
    return files;
  }
}
