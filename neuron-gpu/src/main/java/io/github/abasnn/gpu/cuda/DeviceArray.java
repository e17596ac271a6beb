package io.github.abasnn.gpu.cuda;

import static io.github.abasnn.gpu.cuda.CudaCalls.check;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;

/** Device memory of one device, copied to and from Java arrays (synchronously: the stream is drained first). */
public final class DeviceArray implements AutoCloseable {
    private final CudaDevice device;
    private final long address;
    private final long bytes;

    private DeviceArray(CudaDevice device, long bytes) {
        this.device = device;
        this.bytes = bytes;
        device.makeCurrent();
        long[] p = new long[1];
        check(cudart.cuMemAlloc(p, Math.max(1, bytes)), "cuMemAlloc " + bytes + " bytes");
        this.address = p[0];
    }

    public static DeviceArray allocate(CudaDevice device, long bytes) {
        return new DeviceArray(device, bytes);
    }

    public static DeviceArray of(CudaDevice device, double[] values) {
        DeviceArray a = new DeviceArray(device, 8L * values.length);
        check(cudart.cuMemcpyHtoD(a.address, new DoublePointer(values), a.bytes), "cuMemcpyHtoD");
        return a;
    }

    public static DeviceArray of(CudaDevice device, float[] values) {
        DeviceArray a = new DeviceArray(device, 4L * values.length);
        check(cudart.cuMemcpyHtoD(a.address, new FloatPointer(values), a.bytes), "cuMemcpyHtoD");
        return a;
    }

    /** Sets every byte to zero, queued on the device's stream. */
    public DeviceArray zero() {
        device.makeCurrent();
        check(cudart.cuMemsetD8Async(address, (byte) 0, bytes, device.stream()), "cuMemsetD8Async");
        return this;
    }

    public double[] doubles() {
        double[] out = new double[(int) (bytes / 8)];
        DoublePointer host = new DoublePointer(out.length);
        copyOut(host);
        host.get(out);
        return out;
    }

    public float[] floats() {
        float[] out = new float[(int) (bytes / 4)];
        FloatPointer host = new FloatPointer(out.length);
        copyOut(host);
        host.get(out);
        return out;
    }

    /** The contents as unsigned 64-bit counters (below 2^63). */
    public long[] counts() {
        long[] out = new long[(int) (bytes / 8)];
        LongPointer host = new LongPointer(out.length);
        copyOut(host);
        host.get(out);
        return out;
    }

    private void copyOut(org.bytedeco.javacpp.Pointer host) {
        device.synchronize();
        check(cudart.cuMemcpyDtoH(host, address, bytes), "cuMemcpyDtoH");
    }

    /** A kernel argument holding this array's device address. */
    public LongPointer argument() {
        return new LongPointer(new long[] {address});
    }

    public long address() {
        return address;
    }

    @Override
    public void close() {
        device.makeCurrent();
        cudart.cuMemFree(address);
    }
}
