package org.radassist.dicom.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;

/**
 * Where an instance's bytes live: a file, or an entry of a zip archive. Instances keep only this
 * and their metadata, re-reading pixels when a frame is wanted, so a large study loads in bounded
 * memory.
 */
public sealed interface InstanceSource {
  /** Human-readable location for reports, e.g. {@code study.zip!/IMG001.dcm}. */
  String describe();

  DicomFile readMetadata() throws DicomException;

  DicomFile read() throws DicomException;

  /** Bytes the source holds, 0 when that cannot be told. */
  long size();

  /** A file on disk. */
  record FileSource(Path path) implements InstanceSource {
    @Override
    public String describe() {
      return path.toString();
    }

    @Override
    public DicomFile readMetadata() throws DicomException {
      return DicomReader.readMetadata(path);
    }

    @Override
    public DicomFile read() throws DicomException {
      return DicomReader.read(path);
    }

    @Override
    public long size() {
      try {
        return Files.size(path);
      } catch (IOException e) {
        return 0;
      }
    }
  }

  /** An entry of a zip archive, re-opened for each read. */
  record ZipEntrySource(Path zip, String entry) implements InstanceSource {
    @Override
    public String describe() {
      return zip + "!/" + entry;
    }

    /** The header only: a zip read whole held every image's pixels while its study was open. */
    @Override
    public DicomFile readMetadata() throws DicomException {
      Path name = Path.of(describe());
      try (ZipFile z = new ZipFile(zip.toFile())) {
        ZipEntry e = z.getEntry(entry);
        if (e == null) {
          throw new DicomException(name, "zip entry disappeared");
        }
        return DicomReader.readMetadata(() -> z.getInputStream(e), e.getSize(), name);
      } catch (IOException ex) {
        throw new DicomException(name, "cannot read zip entry: " + ex.getMessage(), ex);
      }
    }

    @Override
    public long size() {
      try (ZipFile z = new ZipFile(zip.toFile())) {
        ZipEntry e = z.getEntry(entry);
        return e == null ? 0 : Math.max(0, e.getSize());
      } catch (IOException e) {
        return 0;
      }
    }

    @Override
    public DicomFile read() throws DicomException {
      Path name = Path.of(describe());
      try (ZipFile z = new ZipFile(zip.toFile())) {
        ZipEntry e = z.getEntry(entry);
        if (e == null) {
          throw new DicomException(name, "zip entry disappeared");
        }
        if (e.getSize() > Integer.MAX_VALUE - 16) {
          throw new DicomException(
              name, "zip entry of " + e.getSize() + " bytes is larger than 2 GB");
        }
        byte[] bytes;
        try (InputStream in = z.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        // The zip's own check of the entry: Java checks a deflated entry's CRC but not a stored
        // one's, and a stored entry damaged in its pixels would be read as a good image.
        if (e.getCrc() >= 0) {
          CRC32 crc = new CRC32();
          crc.update(bytes);
          if (crc.getValue() != e.getCrc()) {
            throw new DicomException(
                name,
                "zip entry is damaged: its bytes do not match the checksum the zip holds for it");
          }
        }
        return DicomReader.read(bytes, name);
      } catch (IOException ex) {
        throw new DicomException(name, "cannot read zip entry: " + ex.getMessage(), ex);
      }
    }
  }
}
