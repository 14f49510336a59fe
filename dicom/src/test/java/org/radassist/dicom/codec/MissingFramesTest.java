package org.radassist.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.data.Fragment;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.testsupport.Externals;

/**
 * A multi-frame image whose transfer was cut short holds fewer frames than Number of Frames says:
 * the frames that arrived must still decode (dcmtk shows them too), and only a missing frame fails,
 * by name. Before, the whole image was refused, frame 1 included.
 */
class MissingFramesTest {

  @Test
  void theFramesThatArrivedDecodeAndTheMissingOneIsNamed() throws Exception {
    check("pydicom_data/emri_small_RLE.dcm", true);
    check("pydicom_data/emri_small_jpeg_ls_lossless.dcm", false);
  }

  private static void check(String path, boolean rle) throws Exception {
    DicomFile file = DicomReader.read(Externals.shared("data/dicom").resolve(path));
    PixelFormat format = PixelFormat.of(file.dataset(), file.path());
    List<Fragment> all = file.dataset().get(Tag.PIXEL_DATA).fragments();
    int frames = format.frames();
    assertTrue(frames > 2 && all.size() == frames + 1, path + ": one fragment a frame");
    // No offset table, and the last frame's fragment lost.
    List<Fragment> cut = new ArrayList<>(all.subList(0, frames));
    cut.set(0, new Fragment(new byte[0], 0, 0));
    for (int i = 0; i < frames - 1; i++) {
      assertArrayEquals(
          EncapsulatedFrames.frame(all, frames, rle, i),
          EncapsulatedFrames.frame(cut, frames, rle, i),
          path + " frame " + (i + 1));
    }
    CodecException e =
        assertThrows(
            CodecException.class, () -> EncapsulatedFrames.frame(cut, frames, rle, frames - 1));
    assertTrue(
        e.getMessage().contains("holds " + (frames - 1) + " of the " + frames + " frames"),
        e.getMessage());
  }
}
