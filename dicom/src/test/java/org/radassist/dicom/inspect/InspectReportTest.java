package org.radassist.dicom.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radassist.testsupport.Externals;

class InspectReportTest {
  private static final Path CORPUS = Externals.shared("data/dicom");

  @Test
  void reportMatchesTheReferenceDecodeAndParsesAsJson() throws Exception {
    JsonNode reference = new ObjectMapper().readTree(CORPUS.resolve("reference.json").toFile());
    String name = "pydicom_data/emri_small_RLE.dcm";
    InspectReport report = InspectReport.of(CORPUS.resolve(name));
    assertFalse(report.failed());
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    JsonNode ref = reference.get(name);
    assertEquals(
        List.of(
            "file",
            "transferSyntax",
            "sopClassUid",
            "sopInstanceUid",
            "modality",
            "rows",
            "columns",
            "frames",
            "samplesPerPixel",
            "photometric",
            "bitsAllocated",
            "bitsStored",
            "pixelRepresentation",
            "frameHashes",
            "tags"),
        List.copyOf(report.toMap().keySet()));
    assertEquals(ref.get("transferSyntax").asText(), json.get("transferSyntax").asText());
    assertEquals(ref.get("rows").asInt(), json.get("rows").asInt());
    assertEquals(ref.get("frames").asInt(), json.get("frameHashes").size());
    for (int i = 0; i < ref.get("frames").asInt(); i++) {
      assertEquals(
          ref.get("pixels").get(i).get("sha256").asText(), json.get("frameHashes").get(i).asText());
    }
    assertEquals("MR", json.get("tags").get("Modality").asText());
    assertEquals(64, json.get("tags").get("Rows").asInt());
  }

  @Test
  void anUnreadableFileGivesFileAndSpecificError() {
    InspectReport report = InspectReport.of(CORPUS.resolve("pydicom_test_files/MR_truncated.dcm"));
    assertTrue(report.failed());
    Map<String, Object> m = report.toMap();
    assertEquals(List.of("file", "error"), List.copyOf(m.keySet()));
    assertTrue(m.get("error").toString().contains("(7FE0,0010)"), m.get("error").toString());
  }

  /** Float Pixel Data has no stored values to hash, but its geometry is still reported. */
  @Test
  void aParametricMapReportsItsGeometryAndNoHashes() {
    InspectReport r = InspectReport.of(CORPUS.resolve("pydicom_data/parametric_map_float.dcm"));
    Map<String, Object> m = r.toMap();
    assertTrue(!r.failed(), String.valueOf(m.get("error")));
    assertTrue(m.get("rows") instanceof Integer rows && rows > 0, "rows " + m.get("rows"));
    assertTrue(m.get("columns") instanceof Integer c && c > 0, "columns " + m.get("columns"));
    assertEquals(List.of(), m.get("frameHashes"));
  }
}
