package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim for a DL4J 1.0.0-M2.1 bug: {@code BaseMKLDNNHelper} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()}, which M2.1 moved to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment.isUseONEDNN()}. The failed lookup is swallowed
 * and every oneDNN helper (batch norm, pooling, LRN) is silently dropped. This class answers the old lookup from
 * the new location, by reflection so that the CUDA build compiles without the CPU backend. Remove it once DL4J
 * looks in the right place.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {}

    /** Stands in for the old {@code Nd4jCpu.Environment}; only the two methods DL4J calls. */
    public static final class Environment {
        private static final String MOVED = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether libnd4j was built with and uses oneDNN (false when the CPU backend is absent). */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName(MOVED);
                Object instance = env.getMethod("getInstance").invoke(null);
                Method useOneDnn = env.getMethod("isUseONEDNN");
                return (boolean) useOneDnn.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
