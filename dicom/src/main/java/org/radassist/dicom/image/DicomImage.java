package org.radassist.dicom.image;

import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radassist.dicom.codec.PixelDecoder;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.io.TransferSyntax;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.PaletteLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.PixelPadding;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.dicom.pixel.VoiTable;

/**
 * One DICOM image file as the app and the analyser see it: identifying UIDs, geometry, the LUTs
 * that give its pixels meaning, and its frames, each decoded on first request and kept only as long
 * as memory allows. Thread-safe: frames of one image may be decoded in parallel.
 */
public final class DicomImage {
  private final DicomFile file;
  private final PixelFormat format;
  private final SoftReference<Frame>[] cache;

  private DicomImage(DicomFile file, PixelFormat format) {
    this.file = file;
    this.format = format;
    @SuppressWarnings("unchecked")
    SoftReference<Frame>[] c = new SoftReference[format == null ? 0 : format.frames()];
    this.cache = c;
  }

  /** Reads a file; pixel data stay encoded until a frame is asked for. */
  public static DicomImage read(Path path) throws DicomException {
    return of(DicomReader.read(path));
  }

  /** Wraps a parsed file; a file without Pixel Data is an error for an image. */
  public static DicomImage of(DicomFile file) throws DicomException {
    Attributes ds = file.dataset();
    if (!file.pixelDataSkipped() && !ds.contains(Tag.PIXEL_DATA)) {
      if (ds.contains(Tag.FLOAT_PIXEL_DATA) || ds.contains(Tag.DOUBLE_FLOAT_PIXEL_DATA)) {
        throw new DicomException(
            file.path(),
            "holds Float Pixel Data, which has no stored values to display as an image");
      }
      throw new DicomException(file.path(), "has no Pixel Data: not an image");
    }
    return new DicomImage(file, PixelFormat.of(ds, file.path()));
  }

  public Path path() {
    return file.path();
  }

  public DicomFile file() {
    return file;
  }

  /** All attributes of the data set (file meta excluded; see {@link #file()}). */
  public Attributes attributes() {
    return file.dataset();
  }

  public TransferSyntax transferSyntax() {
    return file.transferSyntax();
  }

  public PixelFormat pixelFormat() {
    return format;
  }

  public String sopInstanceUid() {
    return file.dataset().string(Tag.SOP_INSTANCE_UID);
  }

  public String sopClassUid() {
    return file.dataset().string(Tag.SOP_CLASS_UID);
  }

  public String studyInstanceUid() {
    return file.dataset().string(Tag.STUDY_INSTANCE_UID);
  }

  public String seriesInstanceUid() {
    return file.dataset().string(Tag.SERIES_INSTANCE_UID);
  }

  public String modality() {
    return file.dataset().string(Tag.MODALITY);
  }

  public String bodyPartExamined() {
    return file.dataset().string(Tag.BODY_PART_EXAMINED);
  }

  public int rows() {
    return format.rows();
  }

  public int columns() {
    return format.columns();
  }

  public int frameCount() {
    return format.frames();
  }

  public int samplesPerPixel() {
    return format.samplesPerPixel();
  }

  public Photometric photometric() {
    return format.photometric();
  }

  /** Decoded stored values of frame {@code index} (0-based). */
  public Frame frame(int index) throws DicomException {
    if (index < 0 || index >= format.frames()) {
      throw new IndexOutOfBoundsException(
          "frame " + index + " requested, image has " + format.frames());
    }
    SoftReference<Frame> ref = cache[index];
    Frame f = ref == null ? null : ref.get();
    if (f == null) {
      f = PixelDecoder.decode(file, format, index);
      cache[index] = new SoftReference<>(f);
    }
    return f;
  }

  public ModalityLut modalityLut() {
    return Luts.modality(file.dataset(), format);
  }

  /** Window presets in file order, explanations attached; empty when the file gives none. */
  public List<VoiLut> windows() {
    return Luts.windows(file.dataset());
  }

  /** VOI LUT Sequence tables, the alternative to windows that some modalities send. */
  public List<VoiTable> voiTables() {
    return Luts.voiTables(file.dataset(), format);
  }

  /**
   * The file's VOI transforms in the order a viewer offers them: its windows, then its VOI LUT
   * Sequence tables (PS3.3 C.11.2). Many CR and DX films carry only a table, a film-like curve the
   * modality chose; showing them min-max instead is a flatter image than the one it sent.
   */
  public List<VoiLut> voiLuts() {
    List<VoiLut> all = new ArrayList<>(windows());
    voiTables().forEach(t -> all.add(VoiLut.of(t)));
    return List.copyOf(all);
  }

  /**
   * {@code frame} as it is meant to be seen: its padding pixels (see PixelPadding) set to its
   * darkest real value; and a MONOCHROME2 frame whose Presentation LUT Shape is INVERSE shown with
   * its low values white (PS3.3 C.11.6.1.2), exactly as MONOCHROME1 is, so it is handed on as
   * MONOCHROME1 to the viewer, the exports and the models. For MONOCHROME1 the shape INVERSE only
   * restates the inversion (the DX IOD requires it), and IDENTITY with MONOCHROME1, which the DX
   * IOD forbids, is not taken to undo it.
   */
  public Frame displayed(Frame decoded) {
    Frame frame = PixelPadding.of(file.dataset()).map(p -> p.filled(decoded)).orElse(decoded);
    if (frame.photometric() != Photometric.MONOCHROME2
        || !"INVERSE".equals(file.dataset().string(Tag.PRESENTATION_LUT_SHAPE))) {
      return frame;
    }
    return new Frame(
        frame.rows(),
        frame.columns(),
        frame.samplesPerPixel(),
        Photometric.MONOCHROME1,
        frame.bitsStored(),
        frame.signed(),
        frame.samples(),
        frame.storedRange());
  }

  /** Palette for PALETTE COLOR images. */
  public Optional<PaletteLut> palette() {
    return Luts.palette(file.dataset());
  }

  /** The part of the film the modality collimated away, to be shown blank; see DisplayShutter. */
  public Optional<DisplayShutter> shutter() {
    return DisplayShutter.of(file.dataset());
  }

  /**
   * Physical distance between pixel centres as {row spacing, column spacing} in mm: Pixel Spacing,
   * else Imager Pixel Spacing (projection radiographs often give only that).
   */
  public Optional<double[]> pixelSpacing() {
    for (int tag : new int[] {Tag.PIXEL_SPACING, Tag.IMAGER_PIXEL_SPACING}) {
      double[] v = Luts.scope(file.dataset(), tag, Tag.PIXEL_MEASURES_SEQUENCE).doubles(tag);
      if (v.length >= 2 && v[0] > 0 && v[1] > 0) {
        return Optional.of(new double[] {v[0], v[1]});
      }
    }
    return Optional.empty();
  }

  public Optional<Integer> instanceNumber() {
    var v = file.dataset().intValue(Tag.INSTANCE_NUMBER);
    return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
  }

  /** Image Position (Patient), x y z in mm, when present. */
  public Optional<double[]> imagePosition() {
    double[] v = file.dataset().doubles(Tag.IMAGE_POSITION_PATIENT);
    return v.length == 3 ? Optional.of(v) : Optional.empty();
  }
}
