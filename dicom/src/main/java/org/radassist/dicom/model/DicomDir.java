package org.radassist.dicom.model;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;

/**
 * A DICOMDIR (PS3.10 8, PS3.3 F.5): the files its directory records reference, resolved against the
 * folder it lies in. Media often come with lower-case names while the records are upper case
 * (PS3.12 file IDs), so each path component is matched without regard to case.
 */
public final class DicomDir {
  public static final String MEDIA_STORAGE_DIRECTORY_SOP_CLASS = "1.2.840.10008.1.3.10";

  private DicomDir() {}

  public static boolean isDicomDir(DicomFile f) {
    return MEDIA_STORAGE_DIRECTORY_SOP_CLASS.equals(
            f.meta().string(Tag.MEDIA_STORAGE_SOP_CLASS_UID))
        || f.dataset().contains(Tag.DIRECTORY_RECORD_SEQUENCE);
  }

  /** Referenced files in record order; a reference to a missing file is reported by its path. */
  public static List<Path> referencedFiles(Path dicomdir) throws DicomException {
    DicomFile f = DicomReader.read(dicomdir);
    if (!isDicomDir(f)) {
      throw new DicomException(dicomdir, "is not a DICOMDIR (no Directory Record Sequence)");
    }
    Path base = dicomdir.toAbsolutePath().getParent();
    Set<Path> out = new LinkedHashSet<>();
    for (Attributes record : f.dataset().sequence(Tag.DIRECTORY_RECORD_SEQUENCE)) {
      List<String> id = record.strings(Tag.REFERENCED_FILE_ID);
      if (id.isEmpty()) {
        continue;
      }
      out.add(resolve(base, id));
    }
    return new ArrayList<>(out);
  }

  private static Path resolve(Path base, List<String> components) {
    Path p = base;
    for (String c : components) {
      Path exact = p.resolve(c);
      if (Files.exists(exact)) {
        p = exact;
        continue;
      }
      p = matchIgnoringCase(p, c).orElse(exact);
    }
    return p;
  }

  private static java.util.Optional<Path> matchIgnoringCase(Path dir, String name) {
    if (!Files.isDirectory(dir)) {
      return java.util.Optional.empty();
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path child : ds) {
        if (child.getFileName().toString().toLowerCase(Locale.ROOT).equals(wanted)) {
          return java.util.Optional.of(child);
        }
      }
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }
}
