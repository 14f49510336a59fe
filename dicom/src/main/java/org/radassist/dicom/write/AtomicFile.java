package org.radassist.dicom.write;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Puts a file in place whole or not at all: the content goes to a hidden file beside the target,
 * which is renamed over it. The hidden file never outlives a failure, because exports hold patient
 * data and nobody looks for dot-files to delete. Failures name the target the user asked for and
 * the reason, never the hidden file.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes {@code content} to {@code target}, creating its folder if needed. */
  public static void write(Path target, byte[] content) throws IOException {
    if (Files.isDirectory(target)) {
      throw new IOException("cannot write " + target + ": it is a folder");
    }
    Path tmp = null;
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".radassist-", ".tmp");
      Files.write(tmp, content);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IOException("cannot write " + target + ": " + reason(e), e);
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Why a file operation failed, in words: the JDK's messages for the commonest cases are only the
   * path (of the hidden file, at that), e.g. permission denied.
   */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
