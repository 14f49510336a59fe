package org.radassist.dicom.web;

import java.io.IOException;

/** Where a retrieval puts each instance: the bytes of one Part 10 file as the server sent them. */
@FunctionalInterface
public interface InstanceSink {
  void accept(byte[] part10) throws IOException;
}
