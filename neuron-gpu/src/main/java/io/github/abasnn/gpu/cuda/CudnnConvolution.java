package io.github.abasnn.gpu.cuda;

import static io.github.abasnn.gpu.cuda.Cudnn.check;

import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdDataAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdFilterAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionFwdAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * One convolution shape on cuDNN: NCHW float input {@code [n, c, h, w]}, filters {@code [k, c, r, r]} (DL4J's
 * layout), square stride and zero padding, cross-correlation as DL4J computes it; forward, backward data and backward
 * filter with algorithms chosen once by cuDNN's heuristics. Under {@link MathMode#FMA} only the GEMM-like algorithms
 * are taken (no FFT or Winograd transforms, whose rounding differs from a direct sum), with FMA math.
 */
public final class CudnnConvolution implements AutoCloseable {
    /** Largest workspace an algorithm may ask for. */
    private static final long WORKSPACE_LIMIT = 512L << 20;

    private final Cudnn dnn;
    private final cudnnTensorStruct input = new cudnnTensorStruct();
    private final cudnnTensorStruct output = new cudnnTensorStruct();
    private final cudnnFilterStruct filter = new cudnnFilterStruct();
    private final cudnnConvolutionStruct conv = new cudnnConvolutionStruct();
    private final int forwardAlgo;
    private final int dataAlgo;
    private final int filterAlgo;
    private final long forwardBytes;
    private final long dataBytes;
    private final long filterBytes;
    private final FloatPointer one = new FloatPointer(1f);
    private final FloatPointer zero = new FloatPointer(0f);

    public CudnnConvolution(Cudnn dnn, int n, int c, int h, int w, int k, int kernel, int stride, int padding) {
        this.dnn = dnn;
        dnn.device().makeCurrent();
        int oh = (h + 2 * padding - kernel) / stride + 1;
        int ow = (w + 2 * padding - kernel) / stride + 1;
        check(cudnn.cudnnCreateTensorDescriptor(input), "cudnnCreateTensorDescriptor");
        check(cudnn.cudnnCreateTensorDescriptor(output), "cudnnCreateTensorDescriptor");
        check(cudnn.cudnnCreateFilterDescriptor(filter), "cudnnCreateFilterDescriptor");
        check(cudnn.cudnnCreateConvolutionDescriptor(conv), "cudnnCreateConvolutionDescriptor");
        check(cudnn.cudnnSetTensor4dDescriptor(input, cudnn.CUDNN_TENSOR_NCHW, cudnn.CUDNN_DATA_FLOAT, n, c, h, w),
                "cudnnSetTensor4dDescriptor (input)");
        check(cudnn.cudnnSetTensor4dDescriptor(output, cudnn.CUDNN_TENSOR_NCHW, cudnn.CUDNN_DATA_FLOAT, n, k, oh, ow),
                "cudnnSetTensor4dDescriptor (output)");
        check(cudnn.cudnnSetFilter4dDescriptor(filter, cudnn.CUDNN_DATA_FLOAT, cudnn.CUDNN_TENSOR_NCHW, k, c, kernel,
                kernel), "cudnnSetFilter4dDescriptor");
        check(cudnn.cudnnSetConvolution2dDescriptor(conv, padding, padding, stride, stride, 1, 1,
                cudnn.CUDNN_CROSS_CORRELATION, cudnn.CUDNN_DATA_FLOAT), "cudnnSetConvolution2dDescriptor");
        boolean exact = dnn.math() == MathMode.FMA;
        check(cudnn.cudnnSetConvolutionMathType(conv, exact ? cudnn.CUDNN_FMA_MATH : cudnn.CUDNN_DEFAULT_MATH),
                "cudnnSetConvolutionMathType");
        String shape = "[" + n + ", " + c + ", " + h + ", " + w + "] * [" + k + ", " + c + ", " + kernel + ", "
                + kernel + "] stride " + stride + " pad " + padding;

        int count = cudnn.CUDNN_CONVOLUTION_FWD_ALGO_COUNT;
        cudnnConvolutionFwdAlgoPerf_t fwd = new cudnnConvolutionFwdAlgoPerf_t(count);
        int[] returned = new int[1];
        check(cudnn.cudnnGetConvolutionForwardAlgorithm_v7(dnn.handle(), input, filter, conv, output, count,
                returned, fwd), "cudnnGetConvolutionForwardAlgorithm_v7");
        int chosen = -1;
        long bytes = 0;
        for (int i = 0; i < returned[0] && chosen < 0; i++) {
            fwd.position(i);
            int a = fwd.algo();
            boolean gemm = a == cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM
                    || a == cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM
                    || a == cudnn.CUDNN_CONVOLUTION_FWD_ALGO_GEMM;
            if (fwd.status() == cudnn.CUDNN_STATUS_SUCCESS && fwd.memory() <= WORKSPACE_LIMIT && (!exact || gemm)) {
                chosen = a;
                bytes = fwd.memory();
            }
        }
        forwardAlgo = require(chosen, "forward", shape);
        forwardBytes = bytes;

        count = cudnn.CUDNN_CONVOLUTION_BWD_DATA_ALGO_COUNT;
        cudnnConvolutionBwdDataAlgoPerf_t data = new cudnnConvolutionBwdDataAlgoPerf_t(count);
        check(cudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7(dnn.handle(), filter, output, conv, input, count,
                returned, data), "cudnnGetConvolutionBackwardDataAlgorithm_v7");
        chosen = -1;
        for (int i = 0; i < returned[0] && chosen < 0; i++) {
            data.position(i);
            int a = data.algo();
            boolean gemm = a == cudnn.CUDNN_CONVOLUTION_BWD_DATA_ALGO_0 || a == cudnn.CUDNN_CONVOLUTION_BWD_DATA_ALGO_1;
            if (data.status() == cudnn.CUDNN_STATUS_SUCCESS && data.memory() <= WORKSPACE_LIMIT && (!exact || gemm)) {
                chosen = a;
                bytes = data.memory();
            }
        }
        dataAlgo = require(chosen, "backward data", shape);
        dataBytes = bytes;

        count = cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_COUNT;
        cudnnConvolutionBwdFilterAlgoPerf_t filt = new cudnnConvolutionBwdFilterAlgoPerf_t(count);
        check(cudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7(dnn.handle(), input, output, conv, filter, count,
                returned, filt), "cudnnGetConvolutionBackwardFilterAlgorithm_v7");
        chosen = -1;
        for (int i = 0; i < returned[0] && chosen < 0; i++) {
            filt.position(i);
            int a = filt.algo();
            boolean gemm = a == cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_0 || a == cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_1
                    || a == cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_3;
            if (filt.status() == cudnn.CUDNN_STATUS_SUCCESS && filt.memory() <= WORKSPACE_LIMIT && (!exact || gemm)) {
                chosen = a;
                bytes = filt.memory();
            }
        }
        filterAlgo = require(chosen, "backward filter", shape);
        filterBytes = bytes;
    }

    private static int require(int algo, String pass, String shape) {
        if (algo < 0) {
            throw new IllegalStateException("cuDNN offers no " + pass + " algorithm for " + shape);
        }
        return algo;
    }

    /** {@code y = conv(x, w)}. */
    public void forward(DeviceArray x, DeviceArray w, DeviceArray y) {
        dnn.device().makeCurrent();
        DeviceArray ws = dnn.workspace(forwardBytes);
        check(cudnn.cudnnConvolutionForward(dnn.handle(), one, input, x.pointer(), filter, w.pointer(), conv,
                forwardAlgo, ws.pointer(), ws.bytes(), zero, output, y.pointer()), "cudnnConvolutionForward");
    }

    /** {@code dx = dL/dx} from {@code dy}. */
    public void backwardData(DeviceArray w, DeviceArray dy, DeviceArray dx) {
        dnn.device().makeCurrent();
        DeviceArray ws = dnn.workspace(dataBytes);
        check(cudnn.cudnnConvolutionBackwardData(dnn.handle(), one, filter, w.pointer(), output, dy.pointer(), conv,
                dataAlgo, ws.pointer(), ws.bytes(), zero, input, dx.pointer()), "cudnnConvolutionBackwardData");
    }

    /** {@code dw = dL/dw} from {@code x} and {@code dy} (overwritten, not accumulated). */
    public void backwardFilter(DeviceArray x, DeviceArray dy, DeviceArray dw) {
        dnn.device().makeCurrent();
        DeviceArray ws = dnn.workspace(filterBytes);
        check(cudnn.cudnnConvolutionBackwardFilter(dnn.handle(), one, input, x.pointer(), output, dy.pointer(), conv,
                filterAlgo, ws.pointer(), ws.bytes(), zero, filter, dw.pointer()), "cudnnConvolutionBackwardFilter");
    }

    /** The algorithms chosen, as cuDNN numbers them: forward, backward data, backward filter. */
    public int[] algorithms() {
        return new int[] {forwardAlgo, dataAlgo, filterAlgo};
    }

    @Override
    public void close() {
        dnn.device().makeCurrent();
        cudnn.cudnnDestroyTensorDescriptor(input);
        cudnn.cudnnDestroyTensorDescriptor(output);
        cudnn.cudnnDestroyFilterDescriptor(filter);
        cudnn.cudnnDestroyConvolutionDescriptor(conv);
    }
}
