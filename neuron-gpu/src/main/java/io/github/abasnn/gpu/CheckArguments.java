package io.github.abasnn.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The device checks' command line: {@code [--device N] [--dry-run] FILE...} ({@code --device}: the CUDA ordinal;
 * {@code --dry-run}: read the files and load the classes, touch no GPU).
 */
record CheckArguments(int device, boolean dryRun, List<String> files) {

    static CheckArguments parse(String[] args) {
        int device = 0;
        boolean dryRun = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--device") && i + 1 < args.length) {
                device = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--dry-run")) {
                dryRun = true;
            } else {
                files.add(args[i]);
            }
        }
        return new CheckArguments(device, dryRun, List.copyOf(files));
    }

    /** The one file a check reads; exits 2 naming the check ({@code label}) when it is not one readable file. */
    java.nio.file.Path requireFile(String label) {
        java.nio.file.Path file = files.size() == 1 ? java.nio.file.Path.of(files.get(0)) : null;
        if (file == null || !java.nio.file.Files.isRegularFile(file)) {
            System.err.println(label + ": no fixture file " + (file == null ? files : file));
            System.exit(2);
        }
        return file;
    }

    /** Exits 3 saying why when no GPU can be used here (after a dry run, which needs none). */
    static void requireGpu(String label) {
        String why = io.github.abasnn.gpu.cuda.CudaCalls.unavailableReason();
        if (why != null) {
            System.out.println(label + ": no GPU to run on: " + why);
            System.exit(3);
        }
    }
}
