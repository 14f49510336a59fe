package org.radassist.dicom.web;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a retrieval puts each instance: a file holding one Part 10 instance as the server sent it,
 * in the folder the retrieval spools to. The sink may move the file; if it is still there when the
 * sink returns, it is deleted.
 */
@FunctionalInterface
public interface InstanceSink {
  void accept(Path part10) throws IOException;
}
