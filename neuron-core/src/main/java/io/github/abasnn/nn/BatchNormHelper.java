package io.github.abasnn.nn;

import io.github.abasnn.kernel.FusedBatchNorm;
import io.github.abasnn.profile.Phase;
import io.github.abasnn.profile.PhaseTimes;
import java.lang.reflect.Field;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.common.primitives.Pair;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;

/**
 * DL4J's oneDNN batch-norm helper with training-mode forward and backward passes taken by {@link FusedBatchNorm}
 * (statistics, normalisation and gradients in two passes over memory, against ND4J's TAD reductions and oneDNN's
 * backward); inference and anything the kernel does not take (another layout, frozen gamma/beta) stay the
 * superclass's, and so do the layer's running averages, which DL4J updates from {@code getMeanCache}/{@code
 * getVarCache} — private fields of the superclass, set here by reflection. {@link #install} swaps it into every
 * batch-norm layer of a graph whose oneDNN helper is active (elsewhere — CUDA, helpers off — nothing changes).
 */
public final class BatchNormHelper extends MKLDNNBatchNormHelper {
    private static final Field MEAN = field(MKLDNNBatchNormHelper.class, "meanCache");
    private static final Field VAR = field(MKLDNNBatchNormHelper.class, "varCache");
    private static final Field LAYER_HELPER = field(BatchNormalization.class, "helper");

    /** The batch statistics, out of any workspace, reused while the channel count stays. */
    private INDArray mean;
    private INDArray var;
    /** Whether the last forward pass was this class's, so its backward pass is too (else the superclass's). */
    private boolean ownForward;

    public BatchNormHelper(DataType dataType) {
        super(dataType);
    }

    /**
     * Puts this helper into the graph's batch-norm layers that use DL4J's oneDNN helper; returns how many. The system
     * property {@code abasnn.dl4jBatchNorm=true} leaves DL4J's own (to compare).
     */
    public static int install(ComputationGraph graph) {
        int n = 0;
        if (Boolean.getBoolean("abasnn.dl4jBatchNorm")) {
            return 0;
        }
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            if (layer instanceof BatchNormalization bn && get(LAYER_HELPER, bn) instanceof MKLDNNBatchNormHelper helper
                    && helper.getClass() == MKLDNNBatchNormHelper.class) {
                INDArray gamma = bn.getParam(BatchNormalizationParamInitializer.GAMMA);
                set(LAYER_HELPER, bn, new BatchNormHelper(gamma != null ? gamma.dataType() : DataType.FLOAT));
                n++;
            }
        }
        return n;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray globalMean, INDArray globalVar, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        if (!training || format != CNN2DFormat.NCHW || !FusedBatchNorm.supports(x) || gamma == null
                || beta == null) {
            ownForward = false;
            return super.preOutput(x, training, shape, gamma, beta, globalMean, globalVar, decay, eps, format,
                    workspaceMgr);
        }
        long start = PhaseTimes.start();
        long channels = x.size(1);
        if (mean == null || mean.length() != channels) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                mean = Nd4j.createUninitialized(x.dataType(), channels);
                var = Nd4j.createUninitialized(x.dataType(), channels);
            }
            set(MEAN, this, mean); // the layer reads them through getMeanCache/getVarCache for its running averages
            set(VAR, this, var);
        }
        ownForward = true;
        FusedBatchNorm.statistics(x, mean, var);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape());
        FusedBatchNorm.forward(x, mean, var, gamma, beta, eps, y);
        PhaseTimes.stop(Phase.BATCH_NORM_FORWARD, start);
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        long start = PhaseTimes.start();
        Pair<Gradient, INDArray> result;
        if (ownForward && format == CNN2DFormat.NCHW && FusedBatchNorm.supports(input)
                && FusedBatchNorm.supports(epsilon) && gamma != null) {
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape());
            FusedBatchNorm.backward(input, epsilon, mean, var, gamma, eps, dx, dGammaView, dBetaView);
            Gradient g = new DefaultGradient();
            g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
            g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
            result = new Pair<>(g, dx);
        } else {
            result = super.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        PhaseTimes.stop(Phase.BATCH_NORM_BACKWARD, start);
        return result;
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's " + owner.getName() + " has no field " + name
                    + "; this helper was written against 1.0.0-M2.1", e);
        }
    }

    private static Object get(Field f, Object owner) {
        try {
            return f.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field f, Object owner, Object value) {
        try {
            f.set(owner, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
