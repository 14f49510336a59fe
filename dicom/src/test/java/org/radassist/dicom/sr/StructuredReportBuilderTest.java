package org.radassist.dicom.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.testsupport.Externals;

class StructuredReportBuilderTest {
  private static final Code DECISION = new Code("RA0002", "99RADASSIST", "Reader decision");
  private static final Code ACCEPTED = new Code("RA0010", "99RADASSIST", "Accepted");
  private static final Code REJECTED = new Code("RA0011", "99RADASSIST", "Rejected");
  private static final Code PROBABILITY = new Code("RA0001", "99RADASSIST", "AI probability");

  @TempDir Path dir;

  private Attributes image() {
    return DxImageBuilder.create()
        .patient("Müller^Zoë", "P-77", "19600101", "F")
        .study(null, "S1", "ACC1", "Chest PA")
        .pixels(40, 30, 12, new int[40 * 30])
        .build();
  }

  private static ImageReference ref(Attributes image) {
    return new ImageReference(
        image.string(Tag.STUDY_INSTANCE_UID),
        image.string(Tag.SERIES_INSTANCE_UID),
        image.string(Tag.SOP_CLASS_UID),
        image.string(Tag.SOP_INSTANCE_UID),
        null);
  }

  private Path report(Attributes image) throws Exception {
    Attributes sr =
        StructuredReportBuilder.forStudyOf(image)
            .device(Uids.generate(), "demo-fracture 1.0.0", "RadAssist")
            .addReader("Reader^One")
            .probabilityConcept(PROBABILITY)
            .codingScheme("99RADASSIST", "RadAssist codes", "RadAssist project")
            .add(
                new RegionMeasurement(
                    "finding 1",
                    Uids.generate(),
                    Code.sct("72704001", "Fracture"),
                    ref(image),
                    RegionMeasurement.box(3, 4, 10, 5),
                    0.8734,
                    List.of(new RegionMeasurement.Evaluation(DECISION, ACCEPTED)),
                    "cortical step, agree",
                    "Reader^One",
                    "demo-fracture",
                    "1.0.0"))
            .add(
                new RegionMeasurement(
                    "finding 2",
                    Uids.generate(),
                    Code.sct("108369006", "Neoplasm"),
                    ref(image),
                    RegionMeasurement.box(20, 10, 4, 4),
                    0.51,
                    List.of(new RegionMeasurement.Evaluation(DECISION, REJECTED)),
                    null,
                    "Reader^One",
                    "demo-fracture",
                    "1.0.0"))
            .build();
    Path file = dir.resolve("sr.dcm");
    DicomWriter.write(file, sr);
    return file;
  }

  @Test
  void reportReadsBackWithFindingsRegionsAndDecisions() throws Exception {
    Attributes image = image();
    Path file = report(image);
    Attributes sr = DicomReader.read(file).dataset();
    assertEquals(StructuredReportBuilder.COMPREHENSIVE_SR, sr.string(Tag.SOP_CLASS_UID));
    assertEquals(image.string(Tag.STUDY_INSTANCE_UID), sr.string(Tag.STUDY_INSTANCE_UID));
    assertEquals("Müller^Zoë", sr.string(Tag.PATIENT_NAME));
    assertEquals("SR", sr.string(Tag.MODALITY));
    assertEquals("126000", code(sr, SrTags.CONCEPT_NAME_CODE_SEQUENCE).value());
    Attributes measurements = child(sr, "126010");
    List<Attributes> groups = measurements.sequence(SrTags.CONTENT_SEQUENCE);
    assertEquals(2, groups.size());
    Attributes first = groups.get(0);
    assertEquals("72704001", code(child(first, "121071"), SrTags.CONCEPT_CODE_SEQUENCE).value());
    Attributes region = child(first, "111030");
    assertEquals("POLYLINE", region.string(SrTags.GRAPHIC_TYPE));
    assertArrayEquals(
        new double[] {3, 4, 13, 4, 13, 9, 3, 9, 3, 4}, region.doubles(SrTags.GRAPHIC_DATA));
    Attributes selected = region.sequence(SrTags.CONTENT_SEQUENCE).get(0);
    assertEquals("SELECTED FROM", selected.string(SrTags.RELATIONSHIP_TYPE));
    assertEquals(
        image.string(Tag.SOP_INSTANCE_UID),
        selected
            .sequence(SrTags.REFERENCED_SOP_SEQUENCE)
            .get(0)
            .string(SrTags.REFERENCED_SOP_INSTANCE_UID));
    Attributes probability = child(first, "RA0001").sequence(SrTags.MEASURED_VALUE_SEQUENCE).get(0);
    assertEquals(0.8734, probability.doubleValue(SrTags.NUMERIC_VALUE).getAsDouble(), 0);
    assertEquals(ACCEPTED, code(child(first, "RA0002"), SrTags.CONCEPT_CODE_SEQUENCE));
    assertEquals(REJECTED, code(child(groups.get(1), "RA0002"), SrTags.CONCEPT_CODE_SEQUENCE));
    assertEquals("cortical step, agree", child(first, "121106").string(SrTags.TEXT_VALUE));
  }

  @Test
  void dcmtkReadsTheReportWithoutComplaint() throws Exception {
    Path file = report(image());
    String dump = run(Externals.tool("dcmdump").toString(), "-ll", "warn", file.toString());
    assertFalse(dump.contains("W: ") || dump.contains("E: "), dump);
    String xml = run(Externals.tool("dsr2xml").toString(), "-ll", "warn", file.toString());
    // dcmtk's VR checker skips UTF-8 data sets and says so; that notice is about dcmtk, not us.
    String complaints =
        xml.lines()
            .filter(l -> l.startsWith("W: ") || l.startsWith("E: "))
            .filter(l -> !l.contains("does not support this Specific Character Set: ISO_IR 192"))
            .reduce("", (a, b) -> a + b + "\n");
    assertEquals("", complaints, xml);
    assertTrue(xml.contains("Imaging Measurement Report"), xml);
    assertTrue(xml.contains("cortical step, agree"), xml);
    assertTrue(xml.contains("POLYLINE"), xml);
  }

  @Test
  void decimalStringsFitSixteenCharacters() {
    assertEquals("0.8734", ContentItem.decimalString(0.8734));
    assertEquals("1", ContentItem.decimalString(1.0));
    assertTrue(ContentItem.decimalString(1.0 / 3).length() <= 16);
    assertTrue(ContentItem.decimalString(1.234567891234e-12).length() <= 16);
  }

  private static Attributes child(Attributes parent, String conceptValue) {
    for (Attributes item : parent.sequence(SrTags.CONTENT_SEQUENCE)) {
      List<Attributes> names = item.sequence(SrTags.CONCEPT_NAME_CODE_SEQUENCE);
      if (!names.isEmpty() && conceptValue.equals(names.get(0).string(SrTags.CODE_VALUE))) {
        return item;
      }
    }
    throw new AssertionError("no child with concept " + conceptValue);
  }

  private static Code code(Attributes item, int sequence) {
    return Code.of(item.sequence(sequence).get(0));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
