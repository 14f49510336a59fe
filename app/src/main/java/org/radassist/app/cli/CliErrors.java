package org.radassist.app.cli;

/** Turns an exception into the one readable line a CLI user sees. */
final class CliErrors {
  private CliErrors() {}

  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message.replace('\n', ' ');
  }
}
