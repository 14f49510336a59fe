package org.radassist.app.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;

class BodyPartTest {
  @Test
  void statedBodyPartWins() {
    Attributes ds = new Attributes();
    ds.putString(Tag.BODY_PART_EXAMINED, VR.CS, "WRIST");
    ds.putString(Tag.STUDY_DESCRIPTION, VR.LO, "CHEST PA");
    assertEquals(new BodyPart("WRIST", "Body Part Examined"), BodyPart.of(ds));
  }

  @Test
  void vendorSynonymsInBodyPartExaminedAreNamed() {
    Attributes ds = new Attributes();
    ds.putString(Tag.BODY_PART_EXAMINED, VR.CS, "THORAX");
    assertEquals("CHEST", BodyPart.of(ds).term());
  }

  @Test
  void anatomicRegionCodeIsReadWhenBodyPartIsEmpty() {
    Attributes ds = new Attributes();
    ds.putString(Tag.BODY_PART_EXAMINED, VR.CS, "");
    Attributes code = new Attributes(ds);
    code.putString(Tag.ANATOMIC_REGION_CODE_MEANING, VR.LO, "Hand");
    ds.putSequence(Tag.ANATOMIC_REGION_SEQUENCE, List.of(code));
    assertEquals(new BodyPart("HAND", "Anatomic Region Sequence"), BodyPart.of(ds));
  }

  @Test
  void descriptionsAreReadInOrderProtocolSeriesStudy() {
    Attributes ds = new Attributes();
    ds.putString(Tag.STUDY_DESCRIPTION, VR.LO, "XR CHEST 2 VIEWS");
    ds.putString(Tag.SERIES_DESCRIPTION, VR.LO, "Handgelenk d.p.");
    assertEquals(new BodyPart("WRIST", "Series Description"), BodyPart.of(ds));
    ds.putString(Tag.PROTOCOL_NAME, VR.LO, "Thorax_pa");
    assertEquals(new BodyPart("CHEST", "Protocol Name"), BodyPart.of(ds));
  }

  @Test
  void wordsMatchWholeWordsOnly() {
    assertEquals("", BodyPart.named("HARMONIC"));
    assertEquals("ARM", BodyPart.named("LEFT ARM"));
    assertEquals("FOOT", BodyPart.named("R FOOT 3V"));
  }

  @Test
  void nothingStatedIsUnknown() {
    assertFalse(BodyPart.of(new Attributes()).known());
  }
}
