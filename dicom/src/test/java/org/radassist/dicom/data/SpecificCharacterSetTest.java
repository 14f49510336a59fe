package org.radassist.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Person names in the character sets of PS3.5 Annex H, I and J, as a reading room receives them.
 */
class SpecificCharacterSetTest {
  private static String name(String charset, byte[] value) {
    Attributes ds = new Attributes();
    ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, charset.split("\\|", -1));
    ds.put(DicomElement.ofBytes(Tag.PATIENT_NAME, VR.PN, value));
    Attributes item = new Attributes(ds);
    item.put(DicomElement.ofBytes(Tag.PATIENT_NAME, VR.PN, value));
    assertEquals(ds.string(Tag.PATIENT_NAME), item.string(Tag.PATIENT_NAME), "items inherit");
    return ds.string(Tag.PATIENT_NAME);
  }

  @Test
  void japaneseWithIso2022Escapes() {
    byte[] b =
        HexFormat.of()
            .parseHex(
                "59616d6164615e5461726f753d1b24423b3345441b28425e1b244242404f3a1b28423d1b2442"
                    + "2464245e24401b28425e1b2442243f246d24261b2842");
    assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", name("|ISO 2022 IR 87", b));
  }

  @Test
  void koreanWithIso2022Escapes() {
    byte[] b =
        HexFormat.of()
            .parseHex(
                "486f6e675e47696c646f6e673d1b242943fbf35e1b242943d1ced4d73d1b242943c8ab5e1b2429"
                    + "43b1e6b5bf");
    assertEquals("Hong^Gildong=洪^吉洞=홍^길동", name("|ISO 2022 IR 149", b));
  }

  @Test
  void singleByteAndUnicodeSets() {
    assertEquals(
        "Müller^Zoë", name("ISO_IR 100", "Müller^Zoë".getBytes(Charset.forName("ISO-8859-1"))));
    assertEquals(
        "Люкceмбypг", name("ISO_IR 144", "Люкceмбypг".getBytes(Charset.forName("ISO-8859-5"))));
    assertEquals(
        "Wang^XiaoDong=王^小东",
        name("GB18030", "Wang^XiaoDong=王^小东".getBytes(Charset.forName("GB18030"))));
    assertEquals(
        "Dvořák^Jiří", name("ISO_IR 192", "Dvořák^Jiří".getBytes(Charset.forName("UTF-8"))));
  }

  @Test
  void onlyTheSpaceCharacterPadsAValue() {
    // A name ending in an ideographic space (U+3000) keeps it; the ASCII padding goes.
    assertEquals(
        "山田^太郎\u3000", name("ISO_IR 192", "山田^太郎\u3000 ".getBytes(Charset.forName("UTF-8"))));
  }
}
