package io.github.abasnn.gpu;

import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.DeviceArray;
import io.github.abasnn.gpu.cuda.KernelCompiler;
import io.github.abasnn.gpu.cuda.KernelModule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;

/**
 * The method's kernels on one device: the units of {@link KernelSources} compiled for it (cached), and launches of
 * the neuron and weight-quantizer kernels on device arrays, double precision ({@code f64}) or single
 * ({@code f32}). Launch shape: 256-thread blocks, enough blocks to cover the elements up to 32 per multiprocessor
 * (grid-stride beyond).
 */
public final class GpuKernels implements AutoCloseable {
    /** Threads per block of every launch. */
    public static final int THREADS = 256;
    private static final int MAX_BLOCKS = 132 * 32;

    private final CudaDevice device;
    private final Map<String, KernelModule> modules = new HashMap<>();

    public GpuKernels(CudaDevice device, KernelCompiler compiler) {
        this.device = device;
        Map<String, String> sources = KernelSources.all();
        for (String unit : KernelSources.UNITS) {
            modules.put(unit, new KernelModule(device, compiler.compile(unit, sources, KernelSources.OPTIONS,
                    device.architecture())));
        }
    }

    public CudaDevice device() {
        return device;
    }

    /** {@code f64} or {@code f32}. */
    public enum Precision {
        F64, F32;

        String suffix() {
            return this == F64 ? "_f64" : "_f32";
        }
    }

    /** The loaded module of {@code unit} ({@link KernelSources#UNITS}). */
    public KernelModule module(String unit) {
        KernelModule m = modules.get(unit);
        if (m == null) {
            throw new IllegalArgumentException("no kernel unit " + unit + "; loaded: " + modules.keySet());
        }
        return m;
    }

    /** Blocks of {@link #THREADS} for a grid-stride loop over {@code elements}. */
    public static int blocks(long elements) {
        return (int) Math.max(1, Math.min(MAX_BLOCKS, (elements + THREADS - 1) / THREADS));
    }

    /** Time-free neuron forward over {@code len} elements; {@code nonzero} (t counters, zeroed here) may be null. */
    public void timeFreeForward(Precision p, byte[] neuron, DeviceArray x, DeviceArray out, long len,
                                DeviceArray nonzero) {
        if (nonzero != null) {
            nonzero.zero();
        }
        modules.get("neuron.cu").launch("aba_time_free_forward" + p.suffix(), blocks(len), THREADS,
                new BytePointer(neuron), x.argument(), out.argument(), new LongPointer(new long[] {len}),
                nonzero != null ? nonzero.argument() : new LongPointer(new long[] {0}));
    }

    /** Time-free neuron backward; {@code sums} (2t+1 doubles) is zeroed here and receives the raw terms. */
    public void timeFreeBackward(Precision p, byte[] neuron, DeviceArray x, DeviceArray gradOut, DeviceArray gradX,
                                 long len, DeviceArray sums) {
        sums.zero();
        modules.get("neuron.cu").launch("aba_time_free_backward" + p.suffix(), blocks(len), THREADS,
                new BytePointer(neuron), x.argument(), gradOut.argument(), gradX.argument(),
                new LongPointer(new long[] {len}), sums.argument());
    }

    /** Event neuron forward over {@code perStep} elements of each frame. */
    public void eventForward(Precision p, byte[] neuron, DeviceArray x, DeviceArray out, long perStep,
                             DeviceArray nonzero) {
        if (nonzero != null) {
            nonzero.zero();
        }
        modules.get("neuron.cu").launch("aba_event_forward" + p.suffix(), blocks(perStep), THREADS,
                new BytePointer(neuron), x.argument(), out.argument(), new LongPointer(new long[] {perStep}),
                nonzero != null ? nonzero.argument() : new LongPointer(new long[] {0}));
    }

    /** Event neuron backward; {@code sums} (2t doubles) zeroed here. */
    public void eventBackward(Precision p, byte[] neuron, DeviceArray x, DeviceArray gradOut, DeviceArray gradX,
                              long perStep, DeviceArray sums) {
        sums.zero();
        modules.get("neuron.cu").launch("aba_event_backward" + p.suffix(), blocks(perStep), THREADS,
                new BytePointer(neuron), x.argument(), gradOut.argument(), gradX.argument(),
                new LongPointer(new long[] {perStep}), sums.argument());
    }

    public void weightForward(Precision p, DeviceArray w, DeviceArray out, long len, double step, int bits) {
        modules.get("weight_quant.cu").launch("aba_weight_forward" + p.suffix(), blocks(len), THREADS, w.argument(),
                out.argument(), new LongPointer(new long[] {len}), new DoublePointer(new double[] {step}),
                new IntPointer(new int[] {bits}));
    }

    /** Weight quantizer backward; {@code sums} (2 doubles) zeroed here. */
    public void weightBackward(Precision p, DeviceArray w, DeviceArray gradOut, DeviceArray gradW, long len,
                               double step, int bits, DeviceArray sums) {
        sums.zero();
        modules.get("weight_quant.cu").launch("aba_weight_backward" + p.suffix(), blocks(len), THREADS,
                w.argument(), gradOut.argument(), gradW.argument(), new LongPointer(new long[] {len}),
                new DoublePointer(new double[] {step}), new IntPointer(new int[] {bits}), sums.argument());
    }

    /** The units this runtime loads. */
    public static List<String> units() {
        return KernelSources.UNITS;
    }

    @Override
    public void close() {
        modules.values().forEach(KernelModule::close);
    }
}
