// Warp-level sums for the kernels' gradient accumulators: each thread sums its elements' terms, each warp its
// threads', and lane 0 adds the warp's total to the result in global memory (zeroed before the launch). Every thread
// of a block reaches these calls (they follow the grid-stride loop), blocks are whole warps.
#pragma once

__device__ __forceinline__ double aba_warp_sum(double v) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        v += __shfl_down_sync(0xffffffffu, v, offset);
    }
    return v;
}

__device__ __forceinline__ unsigned aba_warp_sum(unsigned v) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        v += __shfl_down_sync(0xffffffffu, v, offset);
    }
    return v;
}

// Adds each of the thread's `count` terms to out[j], one atomic per warp and term.
__device__ __forceinline__ void aba_add_terms(const double* terms, int count, double* out) {
    bool lead = (threadIdx.x & 31) == 0;
    for (int j = 0; j < count; j++) {
        double w = aba_warp_sum(terms[j]);
        if (lead && w != 0) {
            atomicAdd(out + j, w);
        }
    }
}

__device__ __forceinline__ void aba_add_counts(const unsigned* counts, int count, unsigned long long* out) {
    bool lead = (threadIdx.x & 31) == 0;
    for (int j = 0; j < count; j++) {
        unsigned w = aba_warp_sum(counts[j]);
        if (lead && w != 0) {
            atomicAdd(out + j, (unsigned long long) w);
        }
    }
}
