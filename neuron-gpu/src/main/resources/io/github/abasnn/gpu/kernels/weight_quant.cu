// The weight quantizer on the device (method.md §2): forward writes L(w / step) * step; backward writes dL/dw
// (straight through inside the range) and adds the raw step and bit terms to sums[0], sums[1], which the host scales
// (the step term by the layer's step-gradient rule). One thread per weight, grid-stride, arithmetic in double.
#include "elements.cuh"
#include "reduce.cuh"

template <typename T>
__device__ void weight_forward(const T* __restrict__ w, T* __restrict__ out, long long len, double step, int bits) {
    int qmax = aba_qmax(bits, true);
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        out[i] = (T) aba_weight_forward((double) w[i], step, bits, qmax);
    }
}

template <typename T>
__device__ void weight_backward(const T* __restrict__ w, const T* __restrict__ grad_out, T* __restrict__ grad_w,
                                long long len, double step, int bits, double* sums) {
    int qmax = aba_qmax(bits, true);
    double acc[2] = {0, 0};
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        grad_w[i] = (T) aba_weight_backward((double) w[i], (double) grad_out[i], step, bits, qmax, acc);
    }
    aba_add_terms(acc, 2, sums);
}

extern "C" {
__global__ void aba_weight_forward_f64(const double* w, double* out, long long len, double step, int bits) {
    weight_forward(w, out, len, step, bits);
}
__global__ void aba_weight_forward_f32(const float* w, float* out, long long len, double step, int bits) {
    weight_forward(w, out, len, step, bits);
}
__global__ void aba_weight_backward_f64(const double* w, const double* grad_out, double* grad_w, long long len,
                                        double step, int bits, double* sums) {
    weight_backward(w, grad_out, grad_w, len, step, bits, sums);
}
__global__ void aba_weight_backward_f32(const float* w, const float* grad_out, float* grad_w, long long len,
                                        double step, int bits, double* sums) {
    weight_backward(w, grad_out, grad_w, len, step, bits, sums);
}
}
