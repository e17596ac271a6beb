// Runs the kernels' per-element functions (kernels/elements.cuh) on the host over one case read from a text file and
// prints what the kernels compute: outputs, nonzero counts and the raw gradient sums. Built with nvcc and driven by
// HostParityTest, which holds it to neuron-core's CPU kernels; needs no GPU. Sums run in element order, as the CPU
// kernels' do within one chunk.
//   host_parity <case file>
// Case file: "neuron <form: tf|ev> <t> <signed 0|1> <floor 0|1> <decay>", t steps, t bits, "<n>", the input
// (n values time-free, n*t time-major for ev) and the upstream gradient (same count); or
// "weight <step> <bits> <n>", n weights, n upstream gradients; or
// "update <rule> <divide> <batch> <lr> <momentum> <l2> <n>", n parameters then n momenta, n gradients; or
// "bn <n> <c> <plane> <eps>", the input then gamma and beta, the upstream gradient; or
// "xent <rows> <k> <clip>", the logits, the one-hot labels.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vector>
#include "step_elements.cuh"

static double next(FILE* f) {
    double v;
    if (fscanf(f, "%lf", &v) != 1) {
        fprintf(stderr, "host_parity: malformed case file\n");
        exit(2);
    }
    return v;
}

static void print(const char* name, const std::vector<double>& v) {
    printf("%s", name);
    for (double d : v) {
        printf(" %.17g", d);
    }
    printf("\n");
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: host_parity <case file>\n");
        return 2;
    }
    FILE* f = fopen(argv[1], "r");
    if (f == 0) {
        perror(argv[1]);
        return 2;
    }
    char kind[16];
    if (fscanf(f, "%15s", kind) != 1) {
        return 2;
    }
    if (strcmp(kind, "update") == 0) {
        AbaSlice sl;
        sl.rule = (int) next(f);
        sl.divide = (int) next(f);
        float batch = (float) next(f);
        sl.lr = next(f);
        sl.momentum = next(f);
        sl.l2 = next(f);
        long long n = (long long) next(f);
        std::vector<float> p(n), v(n), g(n);
        for (auto& x : p) x = (float) next(f);
        for (auto& x : v) x = (float) next(f);
        for (auto& x : g) x = (float) next(f);
        std::vector<double> out(n), state(n);
        for (long long i = 0; i < n; i++) {
            out[i] = aba_update(p[i], g[i], &v[i], sl, batch);
            state[i] = v[i];
        }
        print("params", out);
        print("state", state);
        return 0;
    }
    if (strcmp(kind, "bn") == 0) {
        long long n = (long long) next(f);
        int c = (int) next(f);
        long long plane = (long long) next(f);
        double eps = next(f);
        long long len = n * c * plane;
        std::vector<float> x(len), gamma(c), beta(c), dy(len);
        for (auto& v : x) v = (float) next(f);
        for (auto& v : gamma) v = (float) next(f);
        for (auto& v : beta) v = (float) next(f);
        for (auto& v : dy) v = (float) next(f);
        std::vector<double> mean(c), var(c), y(len), dx(len), dgamma(c), dbeta(c);
        long long count = n * plane;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0, squares = 0, sum_dy = 0, sum_centred = 0;
            for (long long i = 0; i < count; i++) sum += x[((i / plane) * c + ch) * plane + i % plane];
            double mu = sum / count;
            for (long long i = 0; i < count; i++) {
                double d = x[((i / plane) * c + ch) * plane + i % plane] - mu;
                squares += d * d;
            }
            mean[ch] = mu;
            var[ch] = squares / count;
            double scale = gamma[ch] / sqrt(var[ch] + eps);
            double shift = beta[ch] - mu * scale;
            double inv = 1 / sqrt(var[ch] + eps);
            for (long long i = 0; i < count; i++) {
                long long at = ((i / plane) * c + ch) * plane + i % plane;
                y[at] = aba_bn_forward(x[at], (float) scale, (float) shift);
                sum_dy += dy[at];
                sum_centred += (double) dy[at] * ((double) x[at] - mu);
            }
            double sum_dy_xhat = sum_centred * inv;
            dgamma[ch] = (float) sum_dy_xhat;
            dbeta[ch] = (float) sum_dy;
            for (long long i = 0; i < count; i++) {
                long long at = ((i / plane) * c + ch) * plane + i % plane;
                dx[at] = aba_bn_backward(x[at], dy[at], mu, inv, gamma[ch] * inv, sum_dy / count, sum_dy_xhat / count);
            }
        }
        print("mean", mean);
        print("var", var);
        print("y", y);
        print("dx", dx);
        print("dgamma", dgamma);
        print("dbeta", dbeta);
        return 0;
    }
    if (strcmp(kind, "xent") == 0) {
        long long rows = (long long) next(f);
        int k = (int) next(f);
        double clip = next(f);
        std::vector<float> z(rows * k), y(rows * k), p(rows * k), g(rows * k);
        for (auto& v : z) v = (float) next(f);
        for (auto& v : y) v = (float) next(f);
        double loss = 0;
        for (long long r = 0; r < rows; r++) {
            loss += aba_softmax_xent(&z[r * k], &y[r * k], &p[r * k], &g[r * k], k, clip);
        }
        print("p", std::vector<double>(p.begin(), p.end()));
        print("grad", std::vector<double>(g.begin(), g.end()));
        print("loss", std::vector<double>(1, loss));
        return 0;
    }
    if (strcmp(kind, "weight") == 0) {
        double step = next(f);
        int bits = (int) next(f);
        long long n = (long long) next(f);
        std::vector<double> w(n), go(n), out(n), gw(n), acc(2, 0.0);
        for (auto& v : w) v = next(f);
        for (auto& v : go) v = next(f);
        int qmax = aba_qmax(bits, true);
        for (long long i = 0; i < n; i++) {
            out[i] = aba_weight_forward(w[i], step, bits, qmax);
            gw[i] = aba_weight_backward(w[i], go[i], step, bits, qmax, acc.data());
        }
        print("out", out);
        print("grad", gw);
        print("sums", acc);
        return 0;
    }
    char form[8];
    if (fscanf(f, "%7s", form) != 1) {
        return 2;
    }
    AbaNeuron n;
    n.t = (int) next(f);
    n.is_signed = next(f) != 0;
    n.floor_firing = next(f) != 0;
    n.decay = next(f);
    for (int s = 0; s < n.t; s++) {
        n.step[s] = next(f);
        n.inv[s] = 1.0 / n.step[s];
    }
    for (int s = 0; s < n.t; s++) {
        n.bits[s] = (int) next(f);
        n.qmax[s] = aba_qmax(n.bits[s], n.is_signed);
    }
    long long per = (long long) next(f);
    bool event = strcmp(form, "ev") == 0;
    long long len = event ? per * n.t : per;
    std::vector<double> x(len), go(len), out(len), gx(len);
    for (auto& v : x) v = next(f);
    for (auto& v : go) v = next(f);
    std::vector<unsigned> nz(n.t, 0);
    std::vector<double> acc(2 * n.t + 1, 0.0);
    if (event) {
        for (long long i = 0; i < per; i++) {
            aba_event_forward(n, x.data(), out.data(), per, i, nz.data());
        }
        for (long long i = 0; i < per; i++) {
            aba_event_backward(n, x.data(), go.data(), gx.data(), per, i, acc.data());
        }
        acc.resize(2 * n.t);
    } else {
        for (long long i = 0; i < per; i++) {
            out[i] = aba_time_free_forward(n, x[i], nz.data());
            gx[i] = aba_time_free_backward(n, x[i], go[i], acc.data());
        }
    }
    print("out", out);
    print("nonzero", std::vector<double>(nz.begin(), nz.end()));
    print("grad", gx);
    print("sums", acc);
    return 0;
}
