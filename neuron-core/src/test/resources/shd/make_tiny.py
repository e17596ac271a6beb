#!/usr/bin/python3
"""Writes shd-tiny.h5, a 3-recording file in the Spiking Heidelberg Digits layout, for ShdReaderTest.

Layout as published (Cramer et al. 2020): /spikes/times and /spikes/units are variable-length arrays (float32
seconds, uint16 channel ids 0..699), /labels is uint16, /extra/speaker likewise. Regenerate with Debian's
python3-h5py:  /usr/bin/python3 make_tiny.py
"""
import h5py
import numpy as np

times = [np.array([0.01, 0.02, 0.5, 0.9], dtype=np.float32),
         np.array([0.1], dtype=np.float32),
         np.array([], dtype=np.float32)]
units = [np.array([0, 699, 3, 3], dtype=np.uint16),
         np.array([42], dtype=np.uint16),
         np.array([], dtype=np.uint16)]
labels = np.array([7, 19, 0], dtype=np.uint16)

with h5py.File("shd-tiny.h5", "w") as f:
    spikes = f.create_group("spikes")
    ft = spikes.create_dataset("times", (3,), dtype=h5py.vlen_dtype(np.float32))
    fu = spikes.create_dataset("units", (3,), dtype=h5py.vlen_dtype(np.uint16))
    for i in range(3):
        ft[i] = times[i]
        fu[i] = units[i]
    f.create_dataset("labels", data=labels)
    f.create_group("extra").create_dataset("speaker", data=np.array([1, 2, 3], dtype=np.uint16))
