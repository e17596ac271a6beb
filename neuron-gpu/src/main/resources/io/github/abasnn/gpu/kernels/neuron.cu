// The refined neuron on the device (method.md §3), in its two input forms: time-free (one input driving T steps,
// output sum_t s_t / T) and event frames (time-major [T*B, ...], a spike map per step). Forward kernels count each
// step's nonzero spikes when `nonzero` is not null; backward kernels write dL/dx and add the raw step, bit and T terms
// to `sums` (2T+1 doubles time-free, 2T event), which the host finishes (io.github.abasnn.gpu.NeuronSums). One thread
// per element (per element of one frame for events), grid-stride; arithmetic in double for either tensor type.
#include "elements.cuh"
#include "reduce.cuh"

template <typename T>
__device__ void time_free_forward(const AbaNeuron n, const T* __restrict__ x, T* __restrict__ out, long long len,
                                  unsigned long long* nonzero) {
    unsigned nz[ABA_MAX_STEPS];
    for (int s = 0; s < n.t; s++) {
        nz[s] = 0;
    }
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        out[i] = (T) aba_time_free_forward(n, (double) x[i], nonzero != 0 ? nz : 0);
    }
    if (nonzero != 0) {
        aba_add_counts(nz, n.t, nonzero);
    }
}

template <typename T>
__device__ void time_free_backward(const AbaNeuron n, const T* __restrict__ x, const T* __restrict__ grad_out,
                                   T* __restrict__ grad_x, long long len, double* sums) {
    double acc[2 * ABA_MAX_STEPS + 1];
    for (int j = 0; j < 2 * n.t + 1; j++) {
        acc[j] = 0;
    }
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        grad_x[i] = (T) aba_time_free_backward(n, (double) x[i], (double) grad_out[i], acc);
    }
    aba_add_terms(acc, 2 * n.t + 1, sums);
}

template <typename T>
__device__ void event_forward(const AbaNeuron n, const T* __restrict__ x, T* __restrict__ out, long long per_step,
                              unsigned long long* nonzero) {
    unsigned nz[ABA_MAX_STEPS];
    for (int s = 0; s < n.t; s++) {
        nz[s] = 0;
    }
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < per_step; i += stride) {
        aba_event_forward(n, x, out, per_step, i, nonzero != 0 ? nz : 0);
    }
    if (nonzero != 0) {
        aba_add_counts(nz, n.t, nonzero);
    }
}

template <typename T>
__device__ void event_backward(const AbaNeuron n, const T* __restrict__ x, const T* __restrict__ grad_out,
                               T* __restrict__ grad_x, long long per_step, double* sums) {
    double acc[2 * ABA_MAX_STEPS];
    for (int j = 0; j < 2 * n.t; j++) {
        acc[j] = 0;
    }
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < per_step; i += stride) {
        aba_event_backward(n, x, grad_out, grad_x, per_step, i, acc);
    }
    aba_add_terms(acc, 2 * n.t, sums);
}

// C names for the module loader, one per form, direction and tensor type.
extern "C" {
__global__ void aba_time_free_forward_f64(const AbaNeuron n, const double* x, double* out, long long len,
                                          unsigned long long* nonzero) {
    time_free_forward(n, x, out, len, nonzero);
}
__global__ void aba_time_free_forward_f32(const AbaNeuron n, const float* x, float* out, long long len,
                                          unsigned long long* nonzero) {
    time_free_forward(n, x, out, len, nonzero);
}
__global__ void aba_time_free_backward_f64(const AbaNeuron n, const double* x, const double* grad_out,
                                           double* grad_x, long long len, double* sums) {
    time_free_backward(n, x, grad_out, grad_x, len, sums);
}
__global__ void aba_time_free_backward_f32(const AbaNeuron n, const float* x, const float* grad_out, float* grad_x,
                                           long long len, double* sums) {
    time_free_backward(n, x, grad_out, grad_x, len, sums);
}
__global__ void aba_event_forward_f64(const AbaNeuron n, const double* x, double* out, long long per_step,
                                      unsigned long long* nonzero) {
    event_forward(n, x, out, per_step, nonzero);
}
__global__ void aba_event_forward_f32(const AbaNeuron n, const float* x, float* out, long long per_step,
                                      unsigned long long* nonzero) {
    event_forward(n, x, out, per_step, nonzero);
}
__global__ void aba_event_backward_f64(const AbaNeuron n, const double* x, const double* grad_out, double* grad_x,
                                       long long per_step, double* sums) {
    event_backward(n, x, grad_out, grad_x, per_step, sums);
}
__global__ void aba_event_backward_f32(const AbaNeuron n, const float* x, const float* grad_out, float* grad_x,
                                       long long per_step, double* sums) {
    event_backward(n, x, grad_out, grad_x, per_step, sums);
}
}
