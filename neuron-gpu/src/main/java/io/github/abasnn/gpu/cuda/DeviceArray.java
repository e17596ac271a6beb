package io.github.abasnn.gpu.cuda;

import static io.github.abasnn.gpu.cuda.CudaCalls.check;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;

/**
 * Device memory of one device, or a view of part of it, copied to and from Java arrays. Reads drain the device's
 * stream first; writes from the host and copies on the device are queued on it, in order with the kernels.
 */
public final class DeviceArray implements AutoCloseable {
    private final CudaDevice device;
    private final long address;
    private final long bytes;
    private final boolean owner;

    private DeviceArray(CudaDevice device, long bytes) {
        this.device = device;
        this.bytes = bytes;
        this.owner = true;
        device.makeCurrent();
        long[] p = new long[1];
        check(cudart.cuMemAlloc(p, Math.max(1, bytes)), "cuMemAlloc " + bytes + " bytes");
        this.address = p[0];
    }

    private DeviceArray(CudaDevice device, long address, long bytes) {
        this.device = device;
        this.address = address;
        this.bytes = bytes;
        this.owner = false;
    }

    /** Bytes {@code [offset, offset + length)} of this array, which stays the owner (closing a view frees nothing). */
    public DeviceArray view(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > bytes) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + length) + ") of an array of "
                    + bytes);
        }
        return new DeviceArray(device, address + offset, length);
    }

    /** Elements {@code [from, from + count)} of a float array. */
    public DeviceArray floatView(long from, long count) {
        return view(4 * from, 4 * count);
    }

    public long bytes() {
        return bytes;
    }

    /** Queues a copy of {@code values[from, from + count)} to float element {@code at} of this array. */
    public void write(float[] values, int from, int count, long at) {
        if (4L * (at + count) > bytes) {
            throw new IndexOutOfBoundsException(count + " floats at " + at + " in an array of " + bytes + " bytes");
        }
        device.makeCurrent();
        FloatPointer host = new FloatPointer(count);
        host.put(values, from, count);
        // pageable source: the call returns once the values are staged, so the pointer may go
        check(cudart.cuMemcpyHtoDAsync(address + 4 * at, host, 4L * count, device.stream()), "cuMemcpyHtoDAsync");
    }

    /** Queues a copy of {@code raw} to byte {@code at} (a table of structs). */
    public void write(byte[] raw, long at) {
        if (at + raw.length > bytes) {
            throw new IndexOutOfBoundsException(raw.length + " bytes at " + at + " in an array of " + bytes);
        }
        device.makeCurrent();
        check(cudart.cuMemcpyHtoDAsync(address + at, new org.bytedeco.javacpp.BytePointer(raw), raw.length,
                device.stream()), "cuMemcpyHtoDAsync");
    }

    /** Queues a copy of {@code values} to double element {@code at}. */
    public void write(double[] values, long at) {
        device.makeCurrent();
        check(cudart.cuMemcpyHtoDAsync(address + 8 * at, new DoublePointer(values), 8L * values.length,
                device.stream()), "cuMemcpyHtoDAsync");
    }

    /** Queues a copy of all of {@code source} (no larger than this) to the start of this array. */
    public void copyFrom(DeviceArray source) {
        if (source.bytes > bytes) {
            throw new IndexOutOfBoundsException(source.bytes + " bytes into " + bytes);
        }
        device.makeCurrent();
        check(cudart.cuMemcpyDtoDAsync(address, source.address, source.bytes, device.stream()), "cuMemcpyDtoDAsync");
    }

    /** Float elements {@code [from, from + count)}, after everything queued. */
    public float[] readFloats(long from, int count) {
        float[] out = new float[count];
        FloatPointer host = new FloatPointer(count);
        device.synchronize();
        check(cudart.cuMemcpyDtoH(host, address + 4 * from, 4L * count), "cuMemcpyDtoH");
        host.get(out);
        return out;
    }

    /** This memory as a pointer for cuDNN and cuBLAS (which take the runtime API's device pointers). */
    public org.bytedeco.javacpp.Pointer pointer() {
        long a = address;
        return new org.bytedeco.javacpp.Pointer() {
            {
                address = a;
            }
        };
    }

    /** As {@link #pointer()}, typed for cuBLAS's single-precision calls. */
    public FloatPointer floatPointer() {
        long a = address;
        return new FloatPointer() {
            {
                address = a;
            }
        };
    }

    public static DeviceArray allocate(CudaDevice device, long bytes) {
        return new DeviceArray(device, bytes);
    }

    /**
     * A copy of {@code values}, queued on the device's stream: a synchronous copy from pageable memory may return
     * before its DMA lands, and the stream (non-blocking) would not wait for it.
     */
    public static DeviceArray of(CudaDevice device, double[] values) {
        DeviceArray a = new DeviceArray(device, 8L * values.length);
        a.write(values, 0);
        return a;
    }

    /** A copy of {@code values}, queued on the device's stream (see {@link #of(CudaDevice, double[])}). */
    public static DeviceArray of(CudaDevice device, float[] values) {
        DeviceArray a = new DeviceArray(device, 4L * values.length);
        a.write(values, 0, values.length, 0);
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
        if (!owner) {
            return;
        }
        device.makeCurrent();
        cudart.cuMemFree(address);
    }
}
