package io.github.abasnn.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.testing.Arrays2;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class EventNeuronTest {

    @Test
    void constantFramesAveragedGiveTheSqueezedNeuron() {
        INDArray x = Arrays2.gaussian(11, 0.8, 1, 2, 3, 4);
        double[] steps = {0.4, 0.7, 0.5};
        double[] bits = {2, 3, 1};
        EventNeuron event = new EventNeuron(3, 6, false);
        EventNeuron.Forward e = event.forward(new INDArray[] {x, x, x}, steps.clone(), bits);
        RefinedNeuron.Forward r = new RefinedNeuron(3, 6, false).forward(x, 3, steps.clone(), bits);
        INDArray mean = e.output()[0].add(e.output()[1]).addi(e.output()[2]).divi(3);
        assertTrue(mean.equalsWithEps(r.output(), 1e-12));
    }

    @Test
    void eachFrameGetsTheGradientOfItsOwnSpikesOnly() {
        EventNeuron event = new EventNeuron(2, 6, false);
        INDArray[] xs = {Arrays2.of(0.3, 5.0), Arrays2.of(0.2, 0.1)};
        EventNeuron.Forward f = event.forward(xs, new double[] {1, 1}, new double[] {2, 2});
        EventNeuron.Gradients g = event.backward(f, new INDArray[] {Arrays2.of(1, 1), Arrays2.of(2, 2)},
                new double[] {2, 2});
        assertEquals(Arrays2.of(1, 0), g.inputs()[0], "5.0 is above qmax 3: clipped, no gradient");
        // m1 = (0.3 - 0) + 0.2 = 0.5 and (5 - 3) + 0.1 = 2.1, both inside [0, 3]
        assertEquals(Arrays2.of(2, 2), g.inputs()[1]);
    }

    @Test
    void frameCountMustEqualT() {
        EventNeuron event = new EventNeuron(3, 6, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> event.forward(new INDArray[] {Arrays2.of(1)}, new double[] {1, 1, 1}, new double[] {4, 4, 4}));
        assertTrue(e.getMessage().contains("T = 3") && e.getMessage().contains("got 1"), e.getMessage());
    }

    @Test
    void framesOfDifferentShapesAreRejected() {
        EventNeuron event = new EventNeuron(2, 6, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> event.forward(new INDArray[] {Arrays2.of(1, 2), Arrays2.of(1)}, new double[] {1, 1},
                        new double[] {4, 4}));
        assertTrue(e.getMessage().contains("frame 1"), e.getMessage());
    }
}
