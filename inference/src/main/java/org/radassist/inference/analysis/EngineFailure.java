package org.radassist.inference.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason a PyTorch failure gives, in one line. A TorchScript error message is a multi-line
 * traceback through the model's own source whose useful part is the Python-style error on its last
 * line ("RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x150528 and 12544x2)"); users
 * see errors one line per problem, so only that line is kept.
 */
final class EngineFailure {
  private static final Pattern ERROR_LINE =
      Pattern.compile("^\\s*(?:[\\w.]+(?:Error|Exception)):\\s*(.+)$", Pattern.MULTILINE);

  private EngineFailure() {}

  static String reason(Throwable failure) {
    Throwable t = failure;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    if (message == null) {
      return t.getClass().getSimpleName();
    }
    String last = null;
    for (Matcher m = ERROR_LINE.matcher(message); m.find(); ) {
      last = m.group(1).trim();
    }
    if (last != null) {
      return last;
    }
    return message.strip().lines().findFirst().orElse(t.getClass().getSimpleName());
  }
}
