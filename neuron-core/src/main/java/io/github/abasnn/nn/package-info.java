/**
 * DL4J layers and networks: {@code QuantConv2D}/{@code QuantDense} (a refined neuron in front of a quantized
 * conv or dense), their runtime, parameter layout and initialisation, and the networks of method.md §6 (ResNet-20,
 * ResNet-19, SEW-ResNet-18/34, VGG-SNN, the SHD spike MLP), and the batch-norm helper that computes the batch's
 * statistics in Java ({@code BatchNormHelper}).
 *
 * <p>May import: {@code quant}, {@code neuron}, {@code kernel}, {@code renewal}, {@code loss}, {@code cost}, {@code tensor}, {@code profile}.
 */
package io.github.abasnn.nn;
