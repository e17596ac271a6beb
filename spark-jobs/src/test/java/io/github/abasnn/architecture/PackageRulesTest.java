package io.github.abasnn.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph as each package declares it: every {@code package-info.java} of both modules has a
 * "May import:" line naming the project packages its classes may depend on ({@code {@code x}} items, or "nothing of
 * the project"); this test reads those lines and checks the compiled classes against them with ArchUnit, so an import
 * that breaks a package's rule fails the build. Non-project classes (ND4J, Spark, the JDK) are not restricted here.
 */
class PackageRulesTest {
    private static final String ROOT = "io.github.abasnn";
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"),
            Path.of("../neuron-core/src/main/java"));

    private static Map<String, Set<String>> rules;
    private static JavaClasses project;

    @BeforeAll
    static void readRulesAndClasses() {
        rules = new TreeMap<>();
        for (Path source : SOURCES) {
            rules.putAll(rulesUnder(source.resolve(ROOT.replace('.', '/'))));
        }
        project = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.asURI().toString().contains("-tests.jar")) // neuron-core's
                .importPackages(ROOT);
    }

    /** Each package (relative to {@value #ROOT}) under {@code dir} with the packages its "May import:" line names. */
    static Map<String, Set<String>> rulesUnder(Path dir) {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path info : files.filter(f -> f.getFileName().toString().equals("package-info.java")).toList()) {
                String pkg = dir.relativize(info.getParent()).toString().replace('/', '.');
                out.put(pkg, mayImport(Files.readString(info), info));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The packages a package-info's "May import:" sentence names; fails naming the file when it has none. */
    static Set<String> mayImport(String packageInfo, Path file) {
        String text = packageInfo.replaceAll("\\n\\s*\\*\\s?", " ");
        int at = text.indexOf("May import:");
        if (at < 0) {
            throw new AssertionError(file + " has no 'May import:' line");
        }
        String sentence = text.substring(at + "May import:".length());
        Matcher end = Pattern.compile("\\.(\\s|$)").matcher(sentence);
        if (end.find()) {
            sentence = sentence.substring(0, end.start());
        }
        Set<String> allowed = new TreeSet<>();
        Matcher code = Pattern.compile("\\{@code ([a-z][a-z.]*)}").matcher(sentence);
        while (code.find()) {
            allowed.add(code.group(1));
        }
        if (allowed.isEmpty() && !sentence.contains("nothing of the project")) {
            throw new AssertionError(file + ": 'May import:' names no package and does not say 'nothing of the"
                    + " project'");
        }
        return allowed;
    }

    @Test
    void everyPackageWithClassesDeclaresItsRule() {
        Set<String> undeclared = new TreeSet<>();
        for (JavaClass c : project) {
            String pkg = c.getPackageName();
            if (pkg.startsWith(ROOT + ".") && !rules.containsKey(pkg.substring(ROOT.length() + 1))) {
                undeclared.add(pkg);
            }
        }
        assertTrue(undeclared.isEmpty(), "packages without a package-info 'May import:' line: " + undeclared);
        assertTrue(rules.size() >= 20, "both modules' rules read: " + rules.keySet());
    }

    @Test
    void rulesNameOnlyPackagesThatExist() {
        Set<String> unknown = new TreeSet<>();
        rules.forEach((pkg, allowed) -> allowed.stream().filter(a -> !rules.containsKey(a))
                .forEach(a -> unknown.add(pkg + " -> " + a)));
        assertTrue(unknown.isEmpty(), "rules naming no package of the project: " + unknown);
    }

    @Test
    void everyPackageImportsOnlyWhatItsRuleAllows() {
        List<String> broken = new ArrayList<>();
        rules.forEach((pkg, allowed) -> {
            EvaluationResult result = classes().that().resideInAPackage(ROOT + "." + pkg)
                    .should().onlyDependOnClassesThat(allowedFor(pkg, allowed))
                    .allowEmptyShould(true).evaluate(project);
            if (result.hasViolation()) {
                broken.addAll(result.getFailureReport().getDetails());
            }
        });
        assertTrue(broken.isEmpty(), broken.size() + " dependencies break a package-info rule:\n"
                + String.join("\n", broken));
    }

    @Test
    void theRuleReaderReadsListsAcrossLinesAndNothing() {
        Set<String> read = mayImport("/**\n * Text.\n *\n * <p>May import: {@code quant}, {@code data.events},\n"
                + " * {@code nn}. Not {@code cost}.\n */\npackage x;\n", Path.of("x"));
        assertEquals(Set.of("quant", "data.events", "nn"), read);
        assertTrue(mayImport(" * <p>May import: nothing of the project.", Path.of("y")).isEmpty());
        AssertionError none = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> mayImport(" * <p>May import: whatever it likes.", Path.of("z")));
        assertTrue(none.getMessage().contains("z"));
        assertFalse(allowedFor("quant", Set.of("tensor")).test(project.get("io.github.abasnn.nn.SpikingGraph")));
    }

    /** Classes outside the project, of the package itself, or of a package its rule names. */
    private static DescribedPredicate<JavaClass> allowedFor(String pkg, Set<String> allowed) {
        return DescribedPredicate.describe("outside the project, in " + pkg + " or in " + allowed, c -> {
            String p = c.getPackageName();
            if (!p.equals(ROOT) && !p.startsWith(ROOT + ".")) {
                return true;
            }
            String rel = p.equals(ROOT) ? "" : p.substring(ROOT.length() + 1);
            return rel.equals(pkg) || allowed.contains(rel);
        });
    }
}
