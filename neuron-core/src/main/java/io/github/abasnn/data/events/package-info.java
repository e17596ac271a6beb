/**
 * Event data: N-MNIST .bin, AEDAT 3.1 (DVS128 Gesture), AEDAT 2.0 (CIFAR10-DVS), SHD HDF5; framing by
 * time or event count; the DVS-style converter that turns static digits into events.
 *
 * <p>May import: {@code data}.
 */
package io.github.abasnn.data.events;
