/**
 * The refined multi-bit spiking neuron of method.md §3 (time-free input, soft reset, temporal squeezing,
 * learnable T) and its event-data form, as ND4J op chains that run on any backend.
 *
 * <p>May import: {@code quant}, {@code tensor}.
 */
package io.github.abasnn.neuron;
