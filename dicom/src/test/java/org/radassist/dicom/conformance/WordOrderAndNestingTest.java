package org.radassist.dicom.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.pixel.PaletteLut;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.testsupport.Externals;

/**
 * Layouts the shared corpus lacks, written by dcmtk from corpus files: bytes that are not 16-bit
 * samples but sit in a big endian OW value (1-bit pixels, packed 8-bit palette entries) are in
 * swapped words (PS3.5 7.3); pixel values of an implicit VR file are US or SS as Pixel
 * Representation says (PS3.6); and a compressed image's icon is compressed too.
 */
class WordOrderAndNestingTest {
  private static final int ICON_IMAGE_SEQUENCE = 0x00880200;
  private static final int SMALLEST_IMAGE_PIXEL_VALUE = 0x00280106;

  @TempDir Path tmp;

  @Test
  void oneBitPixelsInABigEndianOwValueDecodeAsInTheLittleEndianOriginal() throws Exception {
    Path original = Reference.corpus().resolve("pydicom_test_files/liver_1frame.dcm");
    // Implicit VR makes Pixel Data OW; big endian then swaps its bytes in pairs.
    Path implicit = convert(original, "+ti");
    Path big = convert(implicit, "+tb");
    DicomFile file = DicomReader.read(big);
    assertEquals(VR.OW, file.dataset().get(Tag.PIXEL_DATA).vr());
    assertArrayEquals(
        DicomImage.read(original).frame(0).samples(), DicomImage.read(big).frame(0).samples());
  }

  @Test
  void packedEightBitPaletteEntriesInABigEndianFileGiveTheSameColours() throws Exception {
    DicomFile source =
        DicomReader.read(Reference.corpus().resolve("pydicom_test_files/examples_palette.dcm"));
    Attributes ds = source.dataset();
    int[][] expected = new int[3][];
    for (int c = 0; c < 3; c++) {
      int descriptor = Tag.RED_PALETTE_COLOR_LUT_DESCRIPTOR + c;
      int data = Tag.RED_PALETTE_COLOR_LUT_DATA + c;
      DicomElement words = ds.get(data);
      byte[] packed = new byte[256];
      expected[c] = new int[256];
      for (int i = 0; i < 256; i++) {
        expected[c][i] = words.u16(i) >> 8;
        packed[i] = (byte) expected[c][i];
      }
      ds.putInt(descriptor, VR.US, 256, 0, 8);
      ds.put(DicomElement.ofBytes(data, VR.OW, packed));
    }
    Path little = tmp.resolve("palette8.dcm");
    DicomWriter.write(little, ds);
    Path big = convert(little, "+tb");
    for (Path file : List.of(little, big)) {
      PaletteLut lut = DicomImage.read(file).palette().orElseThrow();
      for (int i = 0; i < 256; i++) {
        int[] rgb = lut.rgb(i);
        for (int c = 0; c < 3; c++) {
          assertEquals(expected[c][i], rgb[c], file.getFileName() + " entry " + i + " " + c);
        }
      }
    }
  }

  @Test
  void pixelValuesOfASignedImageInImplicitVrAreSigned() throws Exception {
    Attributes ds = DxImageBuilder.create().pixels(2, 2, 16, new int[] {-1000, 0, 5, 700}).build();
    ds.putInt(Tag.PIXEL_REPRESENTATION, VR.US, 1);
    ds.put(
        DicomElement.ofBytes(
            SMALLEST_IMAGE_PIXEL_VALUE, VR.US, new byte[] {(byte) 0x18, (byte) 0xFC}));
    Path explicit = tmp.resolve("signed.dcm");
    DicomWriter.write(explicit, ds);
    Attributes read = DicomReader.read(convert(explicit, "+ti")).dataset();
    assertEquals(VR.SS, read.get(SMALLEST_IMAGE_PIXEL_VALUE).vr());
    assertEquals(-1000, read.intValue(SMALLEST_IMAGE_PIXEL_VALUE).getAsInt());
  }

  @Test
  void aCompressedIconDoesNotStopTheImageFromLoading() throws Exception {
    Path original = Reference.corpus().resolve("pydicom_data/emri_small_jpeg_ls_lossless.dcm");
    DicomFile file = DicomReader.read(original);
    Attributes ds = file.dataset();
    Attributes icon = new Attributes();
    for (int tag :
        new int[] {
          Tag.SAMPLES_PER_PIXEL,
          Tag.PHOTOMETRIC_INTERPRETATION,
          Tag.ROWS,
          Tag.COLUMNS,
          Tag.BITS_ALLOCATED,
          Tag.BITS_STORED,
          Tag.HIGH_BIT,
          Tag.PIXEL_REPRESENTATION
        }) {
      icon.put(ds.get(tag));
    }
    icon.put(ds.get(Tag.PIXEL_DATA));
    ds.putSequence(ICON_IMAGE_SEQUENCE, List.of(icon));
    Path withIcon = tmp.resolve("with-icon.dcm");
    DicomWriter.write(withIcon, ds, file.transferSyntax().uid());
    DicomImage image = DicomImage.read(withIcon);
    DicomImage plain = DicomImage.read(original);
    assertEquals(plain.frameCount(), image.frameCount());
    for (int i = 0; i < image.frameCount(); i++) {
      assertArrayEquals(plain.frame(i).samples(), image.frame(i).samples(), "frame " + i);
    }
    Dcmdump dump = Dcmdump.of(withIcon);
    assertTrue(dump.ok(), "dcmdump must read the file we wrote: " + dump.errors());
  }

  private Path convert(Path in, String option) throws Exception {
    Path out = Files.createTempFile(tmp, "dcmconv", ".dcm");
    String refused = GdcmRaw.run(Externals.tool("dcmconv"), new String[] {option}, in, out);
    assertNull(refused, refused);
    return out;
  }
}
