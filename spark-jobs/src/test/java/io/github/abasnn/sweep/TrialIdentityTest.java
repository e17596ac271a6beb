package io.github.abasnn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial's id is what it trains — the parsed options and the data's content — not how or where it is written. */
class TrialIdentityTest {
    @TempDir
    Path tmp;

    private Path dataset(String name, String content) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("train-images-idx3-ubyte"), content);
        return d;
    }

    private String id(Map<String, String> options) {
        return TrialConfig.of(options, tmp).id();
    }

    @Test
    void spellingsOfOneValueAndWrittenOutDefaultsAreOneTrial() throws Exception {
        String d = dataset("a", "images").toString();
        String plain = id(Map.of("data-dir", d, "epochs", "2", "penalty-scale", "20"));
        assertEquals(plain, id(Map.of("data-dir", d, "epochs", "2", "penalty-scale", "20.0")), "20 and 20.0");
        assertEquals(plain, id(Map.of("data-dir", d, "epochs", "2", "penalty-scale", "2e1")), "2e1");
        assertEquals(plain, id(Map.of("data-dir", d, "epochs", "2", "penalty-scale", "20", "lr", "0.1")),
                "the default lr written out");
        assertEquals(plain, id(Map.of("data-dir", d, "epochs", "2", "penalty-scale", "20", "out", "/elsewhere")));
        assertNotEquals(plain, id(Map.of("data-dir", d, "epochs", "3", "penalty-scale", "20")));
    }

    @Test
    void theDataCountsByContentNotByPath() throws Exception {
        String a = dataset("a", "images").toString();
        String copy = dataset("moved/a", "images").toString();
        String other = dataset("b", "other images").toString();
        assertEquals(id(Map.of("data-dir", a)), id(Map.of("data-dir", copy)), "a moved checkout");
        assertEquals(id(Map.of("data-dir", "a")), id(Map.of("data-dir", a)), "relative to the work dir");
        assertNotEquals(id(Map.of("data-dir", a)), id(Map.of("data-dir", other)), "other data");
    }

    @Test
    void aCommittedRowIsRecognisedFromItsOptionsAndChecksum() throws Exception {
        Path a = dataset("a", "images");
        Map<String, String> options = Map.of("data-dir", a.toString(), "target", "2/2/1");
        String checksum = io.github.abasnn.data.DataChecksum.of(a);
        assertEquals(id(options), TrialConfig.withChecksum(options, tmp, checksum).id());
        assertNotEquals(id(options), TrialConfig.withChecksum(options, tmp, "sha256:other").id());
    }

    @Test
    void theCanonicalTextNamesEveryComponentButThePlaces() throws Exception {
        io.github.abasnn.train.TrainConfig c = TrialConfig.of(Map.of("target", "2/2/1"), tmp)
                .toTrainConfig(tmp.resolve("out"), tmp);
        String text = TrialIdentity.canonical(c, "sha256:x", Map.of());
        assertTrue(text.contains("targets.weightBits=2.0\n"), text);
        assertTrue(text.contains("renewal=") && text.contains("data=sha256:x\n"), text);
        assertTrue(!text.contains("outDir") && !text.contains("dataDir") && !text.contains(tmp.toString()), text);
        assertTrue(!text.contains("device"), text);
    }

    @Test
    void theDeviceATrialTrainsOnIsNotPartOfWhatItIs() {
        assertEquals(id(Map.of("target", "1/1/1")), id(Map.of("target", "1/1/1", "device", "gpu")));
        assertEquals(io.github.abasnn.train.ComputeDevice.GPU, TrialConfig.of(Map.of("device", "gpu"), tmp)
                .toTrainConfig(tmp.resolve("o"), tmp).device(), "a sweep file's device reaches the trainer");
    }

    @Test
    void flagsAreReadFromTheTrainersCommandLine() {
        assertTrue(TrialConfig.of(Map.of("uniform", "true"), tmp).toTrainConfig(tmp.resolve("o"), tmp).bits().uniform());
        assertTrue(!TrialConfig.of(Map.of("augment", "false"), tmp).toTrainConfig(tmp.resolve("o"), tmp).data().augment(),
                "a negatable flag set false");
        assertTrue(TrialConfig.of(Map.of("augment", "true"), tmp).toTrainConfig(tmp.resolve("o"), tmp).data().augment());
        assertEquals(id(Map.of()), id(Map.of("uniform", "false")), "a flag left off is its default");
    }

    @Test
    void idsAreThoseEarlierBuildsGave() {
        // computed by the build before the configuration had sections: regrouping options must not rename trials
        String[][] known = {{"", "84483b195d928b84"}, {"target=1/1/1,epochs=2,width=8", "5bb9aaff1462c953"},
                {"uniform=true,init=4/4/1", "696d47fdc3963b22"}, {"target-sace=0.1,step-grad=release",
                "eaadd35eeb9328b8"}};
        for (String[] k : known) {
            Map<String, String> options = new java.util.TreeMap<>();
            for (String kv : k[0].isEmpty() ? new String[0] : k[0].split(",")) {
                options.put(kv.split("=")[0], kv.split("=")[1]);
            }
            assertEquals(k[1], TrialConfig.withChecksum(options, tmp, "sha256:x").id(), k[0]);
        }
    }
}
