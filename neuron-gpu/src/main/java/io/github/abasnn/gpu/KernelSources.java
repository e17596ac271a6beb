package io.github.abasnn.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CUDA C sources of the kernels, as the class path holds them: the compilation units and the headers they
 * include, by file name (what NVRTC takes as a program and its headers, and what the build's nvcc check compiles).
 */
public final class KernelSources {
    /** Compilation units, each a module of {@code extern "C"} kernels. */
    public static final List<String> UNITS = List.of("neuron.cu", "weight_quant.cu", "step.cu");
    /** Headers the units include. */
    public static final List<String> HEADERS = List.of("elements.cuh", "reduce.cuh", "step_elements.cuh");
    /**
     * Options every unit is compiled with: no contracted multiply-adds, so the device rounds where the CPU kernels do.
     */
    public static final List<String> OPTIONS = List.of("--fmad=false", "-std=c++17");

    private static final String ROOT = "/io/github/abasnn/gpu/kernels/";

    private KernelSources() {}

    /** The text of one unit or header. */
    public static String read(String name) {
        try (InputStream in = KernelSources.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no kernel source '" + name + "' on the class path under " + ROOT);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + name, e);
        }
    }

    /** Every unit and header by name. */
    public static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        UNITS.forEach(u -> out.put(u, read(u)));
        HEADERS.forEach(h -> out.put(h, read(h)));
        return out;
    }
}
