package org.radassist.inference.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.radassist.inference.analysis.PythonTorchScripts;

class InferenceBenchTest {
  @Test
  void ourOwnNetworkIsTimedBesidePythonTorchAndTheWholeAnalyzePath() throws Exception {
    PythonTorchScripts.requireTorch();
    List<InferenceBench.Row> rows =
        new InferenceBench(
                List.of(64),
                3,
                1,
                List.of(),
                Optional.empty(),
                Optional.of(Path.of("/usr/bin/python3")),
                false)
            .run();
    assertEquals(1, rows.size(), "the built-in sample's model on the phantom film");
    InferenceBench.Row row = rows.get(0);
    assertTrue(row.python().isPresent(), "python3-torch figure");
    assertTrue(row.python().get().medianMs() > 0 && row.network().medianMs() > 0);
    assertTrue(row.endToEnd().medianMs() > row.network().medianMs(), "end-to-end includes more");
    assertTrue(
        row.pythonsFileInDjl().isPresent() && row.pythonsFileInDjl().get().medianMs() > 0,
        "DJL running the file python ran");
    String table = InferenceBench.format(rows, 1);
    assertTrue(table.contains("python3-torch: torch "), table);
  }

  @Test
  void aPythonThatCannotRunTheNetworkLeavesTheDjlFiguresWithoutAReference() throws Exception {
    List<InferenceBench.Row> rows =
        new InferenceBench(
                List.of(64),
                2,
                1,
                List.of(),
                Optional.empty(),
                Optional.of(Path.of("/bin/false")),
                false)
            .run();
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).python().isEmpty(), "no python3-torch figure");
    assertTrue(rows.get(0).network().medianMs() > 0, "DJL figure");
    assertTrue(rows.get(0).pythonsFileInDjl().isEmpty(), "no python file to run");
  }
}
