package io.github.abasnn.intmodel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs an {@link IntModel} on 8-bit images with integer arithmetic only: spikes are bytes, weights bytes, every
 * convolution and dense product accumulates {@code spike * weight} into 32-bit integers, and activations stay
 * 32-bit fixed point between layers; rescaling is a 64-bit multiply and a shift. Convolutions are spike-driven:
 * only nonzero spikes are accumulated (the event-driven cost the energy model charges). Thread-safe; images of a
 * batch run in parallel.
 */
public final class IntEngine {
    private final IntModel model;
    /** Conv weights as {@code [in][k][k][out]}, dense as {@code [in][out]}, so the inner loop runs over outputs. */
    private final Map<String, byte[]> weights = new HashMap<>();

    public IntEngine(IntModel model) {
        this.model = model;
        for (IntOp op : model.ops()) {
            if (op instanceof IntOp.SpikingConv c) {
                weights.put(c.name(), transposeConv(c));
            } else if (op instanceof IntOp.SpikingDense d) {
                weights.put(d.name(), d.levels());
            }
        }
    }

    public IntModel model() {
        return model;
    }

    /** Logits of one image (pixels channel-major, {@code C*H*W} values 0..255), in the activation format. */
    public int[] logits(byte[] pixels) {
        return trace(pixels).get(model.output());
    }

    /** Every tensor of one image's pass by name ({@code [h][w][c]} order), the input included. */
    public Map<String, int[]> trace(byte[] pixels) {
        int plane = model.height() * model.width();
        if (pixels.length != model.channels() * plane) {
            throw new IllegalArgumentException("image has " + pixels.length + " pixels, the model takes "
                    + model.channels() + "x" + model.height() + "x" + model.width());
        }
        Map<String, Tensor> tensors = new HashMap<>();
        tensors.put(IntModel.INPUT, input(pixels));
        for (IntOp op : model.ops()) {
            tensors.put(op.name(), run(op, tensors));
        }
        Map<String, int[]> out = new HashMap<>();
        tensors.forEach((k, v) -> out.put(k, v.data));
        return out;
    }

    /** Index of the largest logit (the first on a tie, as an argmax over the float logits). */
    public int predict(byte[] pixels) {
        return argmax(logits(pixels));
    }

    /** Predictions of {@code n} images stored back to back, in parallel over images. */
    public int[] predict(byte[] images, int n) {
        int per = model.channels() * model.height() * model.width();
        if ((long) n * per != images.length) {
            throw new IllegalArgumentException(images.length + " pixels are not " + n + " images of " + per);
        }
        return IntStream.range(0, n).parallel().map(i -> {
            byte[] one = new byte[per];
            System.arraycopy(images, i * per, one, 0, per);
            return predict(one);
        }).toArray();
    }

    public static int argmax(int[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A {@code [h, w, c]} activation tensor. */
    private record Tensor(int h, int w, int c, int[] data) {}

    private Tensor input(byte[] pixels) {
        int h = model.height();
        int w = model.width();
        int c = model.channels();
        int[][] acc = new int[1][h * w * c];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h * w; i++) {
                acc[0][i * c + ch] = pixels[ch * h * w + i] & 0xff;
            }
        }
        int[] out = new int[acc[0].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = model.input().apply(i % c, acc, i);
        }
        return new Tensor(h, w, c, out);
    }

    private Tensor run(IntOp op, Map<String, Tensor> tensors) {
        List<String> in = op.inputs();
        Tensor x = tensors.get(in.get(0));
        if (op instanceof IntOp.SpikingConv c) {
            return conv(c, x);
        }
        if (op instanceof IntOp.SpikingDense d) {
            return dense(d, x);
        }
        if (op instanceof IntOp.Relu) {
            return relu(x);
        }
        if (op instanceof IntOp.Add a) {
            return add(a, x, tensors.get(in.get(1)));
        }
        if (op instanceof IntOp.GlobalAvgPool) {
            return globalAvg(x);
        }
        return maxPool((IntOp.MaxPool) op, x);
    }

    private Tensor conv(IntOp.SpikingConv c, Tensor x) {
        if (x.c != c.inChannels()) {
            throw new IllegalStateException(c.name() + " expects " + c.inChannels() + " channels, got " + x.c);
        }
        int steps = c.neuron().timeSteps();
        byte[][] spikes = new byte[steps][x.data.length];
        c.neuron().fire(x.data, spikes);
        int oh = c.outSize(x.h);
        int ow = c.outSize(x.w);
        int co = c.outChannels();
        int k = c.kernel();
        int stride = c.stride();
        int pad = c.padding();
        byte[] wt = weights.get(c.name());
        int[][] acc = new int[steps][oh * ow * co];
        for (int t = 0; t < steps; t++) {
            byte[] s = spikes[t];
            int[] a = acc[t];
            for (int ih = 0; ih < x.h; ih++) {
                for (int iw = 0; iw < x.w; iw++) {
                    int sBase = (ih * x.w + iw) * x.c;
                    for (int ci = 0; ci < x.c; ci++) {
                        int level = s[sBase + ci];
                        if (level == 0) {
                            continue;
                        }
                        for (int kh = 0; kh < k; kh++) {
                            int ph = ih + pad - kh; // = oh * stride
                            if (ph < 0 || ph % stride != 0 || ph / stride >= oh) {
                                continue;
                            }
                            for (int kw = 0; kw < k; kw++) {
                                int pw = iw + pad - kw;
                                if (pw < 0 || pw % stride != 0 || pw / stride >= ow) {
                                    continue;
                                }
                                int aBase = ((ph / stride) * ow + pw / stride) * co;
                                int wBase = ((ci * k + kh) * k + kw) * co;
                                for (int o = 0; o < co; o++) {
                                    a[aBase + o] += level * wt[wBase + o];
                                }
                            }
                        }
                    }
                }
            }
        }
        int[] out = new int[oh * ow * co];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.requant().apply(i % co, acc, i);
        }
        return new Tensor(oh, ow, co, out);
    }

    private Tensor dense(IntOp.SpikingDense d, Tensor x) {
        if (x.data.length != d.inFeatures()) {
            throw new IllegalStateException(d.name() + " expects " + d.inFeatures() + " inputs, got " + x.data.length);
        }
        int steps = d.neuron().timeSteps();
        byte[][] spikes = new byte[steps][x.data.length];
        d.neuron().fire(flatten(x), spikes);
        int n = d.outFeatures();
        byte[] wt = weights.get(d.name());
        int[][] acc = new int[steps][n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < d.inFeatures(); i++) {
                int level = spikes[t][i];
                if (level == 0) {
                    continue;
                }
                int base = i * n;
                for (int o = 0; o < n; o++) {
                    acc[t][o] += level * wt[base + o];
                }
            }
        }
        int[] out = new int[n];
        for (int o = 0; o < n; o++) {
            out[o] = d.requant().apply(o, acc, o);
        }
        return new Tensor(1, 1, n, out);
    }

    /** A spatial tensor in the {@code [c][h][w]} order a dense layer's weights were trained on. */
    private static int[] flatten(Tensor x) {
        if (x.h * x.w == 1) {
            return x.data;
        }
        int plane = x.h * x.w;
        int[] out = new int[x.data.length];
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < x.c; ch++) {
                out[ch * plane + p] = x.data[p * x.c + ch];
            }
        }
        return out;
    }

    private static Tensor relu(Tensor x) {
        int[] out = new int[x.data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, x.data[i]);
        }
        return new Tensor(x.h, x.w, x.c, out);
    }

    private static Tensor add(IntOp.Add op, Tensor a, Tensor b) {
        if (a.h != b.h || a.w != b.w || a.c != b.c) {
            throw new IllegalStateException(op.name() + " adds " + a.h + "x" + a.w + "x" + a.c + " and "
                    + b.h + "x" + b.w + "x" + b.c);
        }
        int[] out = new int[a.data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = FixedPoint.saturate((long) a.data[i] + b.data[i]);
        }
        return new Tensor(a.h, a.w, a.c, out);
    }

    private static Tensor globalAvg(Tensor x) {
        long[] sum = new long[x.c];
        for (int i = 0; i < x.data.length; i++) {
            sum[i % x.c] += x.data[i];
        }
        int[] out = new int[x.c];
        for (int ch = 0; ch < x.c; ch++) {
            out[ch] = FixedPoint.roundDiv(sum[ch], x.h * x.w);
        }
        return new Tensor(1, 1, x.c, out);
    }

    private static Tensor maxPool(IntOp.MaxPool m, Tensor x) {
        int oh = m.outSize(x.h);
        int ow = m.outSize(x.w);
        int[] out = new int[oh * ow * x.c];
        java.util.Arrays.fill(out, Integer.MIN_VALUE);
        for (int y = 0; y < oh; y++) {
            for (int z = 0; z < ow; z++) {
                for (int kh = 0; kh < m.kernel(); kh++) {
                    int ih = y * m.stride() - m.padding() + kh;
                    if (ih < 0 || ih >= x.h) {
                        continue;
                    }
                    for (int kw = 0; kw < m.kernel(); kw++) {
                        int iw = z * m.stride() - m.padding() + kw;
                        if (iw < 0 || iw >= x.w) {
                            continue;
                        }
                        for (int ch = 0; ch < x.c; ch++) {
                            int o = (y * ow + z) * x.c + ch;
                            out[o] = Math.max(out[o], x.data[(ih * x.w + iw) * x.c + ch]);
                        }
                    }
                }
            }
        }
        return new Tensor(oh, ow, x.c, out);
    }

    private static byte[] transposeConv(IntOp.SpikingConv c) {
        int ci = c.inChannels();
        int co = c.outChannels();
        int k = c.kernel();
        byte[] src = c.levels();
        byte[] out = new byte[src.length];
        for (int o = 0; o < co; o++) {
            for (int i = 0; i < ci; i++) {
                for (int kh = 0; kh < k; kh++) {
                    for (int kw = 0; kw < k; kw++) {
                        out[((i * k + kh) * k + kw) * co + o] = src[((o * ci + i) * k + kh) * k + kw];
                    }
                }
            }
        }
        return out;
    }
}
