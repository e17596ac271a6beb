package io.github.abasnn.gpu.cuda;

import static io.github.abasnn.gpu.cuda.CudaCalls.check;

import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;

/**
 * One GPU, by CUDA ordinal, with its primary context made current on the calling thread and a stream of its own
 * (so trials on different GPUs, or threads on one, do not share a stream). What provenance records: name, compute
 * capability, driver version.
 */
public final class CudaDevice implements AutoCloseable {
    private final int ordinal;
    private final int device;
    private final CUctx_st context = new CUctx_st();
    private final CUstream_st stream = new CUstream_st();
    private final String name;
    private final int major;
    private final int minor;
    private final int driverVersion;

    /** Opens GPU {@code ordinal} (as CUDA numbers the devices this process sees). */
    public CudaDevice(int ordinal) {
        this.ordinal = ordinal;
        check(cudart.cuInit(0), "cuInit");
        int[] count = new int[1];
        check(cudart.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (ordinal < 0 || ordinal >= count[0]) {
            throw new IllegalArgumentException("GPU " + ordinal + " does not exist: this process sees " + count[0]);
        }
        int[] d = new int[1];
        check(cudart.cuDeviceGet(d, ordinal), "cuDeviceGet");
        device = d[0];
        byte[] text = new byte[256];
        check(cudart.cuDeviceGetName(text, text.length, device), "cuDeviceGetName");
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        name = new String(text, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
        major = attribute(cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        minor = attribute(cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        int[] v = new int[1];
        check(cudart.cuDriverGetVersion(v), "cuDriverGetVersion");
        driverVersion = v[0];
        check(cudart.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        makeCurrent();
        check(cudart.cuStreamCreate(stream, cudart.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    }

    private int attribute(int which) {
        int[] v = new int[1];
        check(cudart.cuDeviceGetAttribute(v, which, device), "cuDeviceGetAttribute");
        return v[0];
    }

    /** Makes this GPU's context the calling thread's (each thread that launches on it calls this first). */
    public void makeCurrent() {
        check(cudart.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    /** Waits for everything queued on this device's stream. */
    public void synchronize() {
        check(cudart.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    public CUstream_st stream() {
        return stream;
    }

    public int ordinal() {
        return ordinal;
    }

    public String name() {
        return name;
    }

    /** The compute capability as NVRTC names the architecture, e.g. {@code sm_90}. */
    public String architecture() {
        return "sm_" + major + minor;
    }

    public int computeCapability() {
        return major * 10 + minor;
    }

    /** The driver's CUDA version, e.g. 13000 for 13.0. */
    public int driverVersion() {
        return driverVersion;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "GPU %d: %s, compute capability %d.%d, driver CUDA %d.%d", ordinal,
                name, major, minor, driverVersion / 1000, driverVersion % 1000 / 10);
    }

    @Override
    public void close() {
        makeCurrent();
        cudart.cuStreamDestroy(stream);
        cudart.cuDevicePrimaryCtxRelease(device);
    }
}
