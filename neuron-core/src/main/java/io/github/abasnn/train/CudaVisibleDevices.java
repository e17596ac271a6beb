package io.github.abasnn.train;

/**
 * The CUDA device ordinal of a GPU a cluster manager names. Spark's GPU addresses are what the discovery script
 * reports (physical indices, as {@code nvidia-smi} numbers them, or UUIDs), while CUDA numbers only the devices
 * {@code CUDA_VISIBLE_DEVICES} lets the process see, in that list's order: with {@code CUDA_VISIBLE_DEVICES=2,3} set by
 * a cluster manager, address 3 is ordinal 1, and ordinal 3 does not exist.
 */
public final class CudaVisibleDevices {
    private CudaVisibleDevices() {}

    /**
     * @param address        the GPU as the cluster manager names it
     * @param visibleDevices the process's {@code CUDA_VISIBLE_DEVICES}; null or blank: every device, by index
     * @throws IllegalStateException naming both when the address is not among the visible devices
     */
    public static int ordinal(String address, String visibleDevices) {
        String a = address.trim();
        if (visibleDevices == null || visibleDevices.isBlank()) {
            try {
                return Integer.parseInt(a);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("GPU address '" + a + "' is not a device index and"
                        + " CUDA_VISIBLE_DEVICES is not set to map it", e);
            }
        }
        String[] visible = visibleDevices.split(",");
        for (int i = 0; i < visible.length; i++) {
            String v = visible[i].trim();
            if (v.equals(a) || isIndex(v) && isIndex(a) && Integer.parseInt(v) == Integer.parseInt(a)) {
                return i;
            }
        }
        throw new IllegalStateException("GPU address '" + a + "' assigned by Spark is not among this process's"
                + " CUDA_VISIBLE_DEVICES=" + visibleDevices + "; make the discovery script report the devices the"
                + " executor can see");
    }

    private static boolean isIndex(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
