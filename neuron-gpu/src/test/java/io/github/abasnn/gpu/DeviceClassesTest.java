package io.github.abasnn.gpu;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The GPU machine carries neither ND4J nor DL4J (they do not fit a device call): the classes that run there — the
 * runtime, the kernels' launches and both checks — must not reach them, directly or through neuron-core's numerics.
 * Only {@code gpu.fixtures}, which runs here, and {@code gpu.train}, which runs in the trainer, may.
 */
class DeviceClassesTest {
    private static final JavaClasses DEVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.abasnn.gpu")
            .that(com.tngtech.archunit.base.DescribedPredicate.not(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage("..gpu.fixtures..",
                            "..gpu.train..")));

    /**
     * What the device may use of neuron-core: the plan as it reads it, and the scalar arithmetic of bit widths, T and
     * the bit loss (so the device maps them with the CPU's own code); all checked free of ND4J and DL4J below.
     */
    private static final java.util.List<Class<?>> DEVICE_SAFE = java.util.List.of(
            io.github.abasnn.plan.PlanSpec.class, io.github.abasnn.plan.PlanSpec.Slice.class,
            io.github.abasnn.plan.PlanOp.class, io.github.abasnn.plan.PlanOp.QuantLinear.class,
            io.github.abasnn.plan.PlanOp.Conv.class, io.github.abasnn.plan.PlanOp.Dense.class,
            io.github.abasnn.plan.PlanOp.BatchNorm.class, io.github.abasnn.plan.PlanOp.Pool.class,
            io.github.abasnn.plan.PlanOp.SoftmaxCrossEntropy.class, io.github.abasnn.plan.QuantLayerSpec.class,
            io.github.abasnn.plan.UpdateRule.class, io.github.abasnn.quant.Firing.class,
            io.github.abasnn.quant.BitWidth.class, io.github.abasnn.quant.Rounding.class,
            io.github.abasnn.neuron.TimeSteps.class, io.github.abasnn.loss.BitLoss.class,
            io.github.abasnn.loss.BitLoss.Gradient.class, io.github.abasnn.loss.BitLoss.Result.class,
            io.github.abasnn.quant.StepSize.class, io.github.abasnn.renewal.RenewalLayout.class,
            io.github.abasnn.profile.Phase.class, io.github.abasnn.nn.QuantParams.class,
            io.github.abasnn.loss.LayerBits.class, io.github.abasnn.loss.BitTargets.class,
            io.github.abasnn.loss.BitPenalties.class);
    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass>
            PLAN_SPEC = com.tngtech.archunit.base.DescribedPredicate.describe("neuron-core's device-safe classes",
                    c -> c.getName().startsWith("io.github.abasnn.plan.PlanSpec")
                            || c.getName().startsWith("io.github.abasnn.plan.PlanOp")
                            || c.getName().startsWith("io.github.abasnn.plan.UpdateRule")
                            || DEVICE_SAFE.stream().anyMatch(k -> k.getName().equals(c.getName())));

    @Test
    void nothingThatRunsOnTheGpuMachineLoadsNd4j() {
        noClasses().should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                        .resideInAnyPackage("org.nd4j..", "org.deeplearning4j..", "io.github.abasnn.kernel..",
                                "io.github.abasnn.nn..", "io.github.abasnn.neuron..", "io.github.abasnn.train..",
                                "io.github.abasnn.tensor..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(PLAN_SPEC)))
                .because("the device check's class path is neuron-gpu, the CUDA presets and Jackson (package.sh)")
                .check(DEVICE);
    }

    @Test
    void whatTheDeviceUsesOfNeuronCoreReachesNeitherNd4jNorDl4j() {
        JavaClasses spec = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importClasses(DEVICE_SAFE.toArray(new Class<?>[0]));
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..",
                        "io.github.abasnn.nn..", "io.github.abasnn.kernel..", "io.github.abasnn.train..",
                        "io.github.abasnn.tensor..")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("StepPlan")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("ParamSlice")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("CpuPlanStep")
                .because("a device backend runs the plan on a machine without ND4J's and DL4J's jars")
                .check(spec);
    }

    @Test
    void ofNeuronCoreOnlyTheStepGradientRuleAndThePlanSpecAreUsed() {
        noClasses().should().dependOnClassesThat(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("io.github.abasnn..")
                                .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                                                "io.github.abasnn.gpu..")))
                                .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                        com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                                                io.github.abasnn.quant.StepGradient.class)))
                                .and(com.tngtech.archunit.base.DescribedPredicate.not(PLAN_SPEC)))
                .check(DEVICE);
    }
}
