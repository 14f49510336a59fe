package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.EngineException;
import ai.djl.translate.TranslateException;
import org.junit.jupiter.api.Test;

class EngineFailureTest {
  @Test
  void aTorchScriptTracebackBecomesItsErrorLine() {
    String traceback =
        String.join(
            "\n",
            "The following operation failed in the TorchScript interpreter.",
            "Traceback of TorchScript, serialized code (most recent call last):",
            "  File \"code/__torch__.py\", line 13, in forward",
            "    return torch.linear(input, weight, bias)",
            "           ~~~~~~~~~~~~ <--- HERE",
            "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x150528 and 12544x2)",
            "");
    assertEquals(
        "mat1 and mat2 shapes cannot be multiplied (1x150528 and 12544x2)",
        EngineFailure.reason(new TranslateException(new EngineException(traceback))));
  }

  @Test
  void anyOtherMessageKeepsItsFirstLine() {
    assertEquals(
        "out of memory", EngineFailure.reason(new IllegalStateException("out of memory\nat")));
    assertEquals("NullPointerException", EngineFailure.reason(new NullPointerException()));
  }
}
