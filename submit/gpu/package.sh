#!/usr/bin/env bash
# Builds what a GPU machine needs to run submit/gpu/check.sh, without the project's ND4J/Spark jars (which do not fit a
# device call): neuron-gpu and the classes of neuron-core it uses, JavaCPP's CUDA 13 presets, Jackson, the golden
# files, the op fixtures (the CPU kernels' outputs, computed here), the full-step fixture (the CPU plan's ResNet-20
# step), the GPU bench's networks (ResNet-20 width 16 and 128, weights as a seed), the authors' release's Python sources
# for the same-GPU comparison (RELEASE_DIR, a checkout of it; left out when unset) and a jlinked JRE, under
# runs/gpu-carry (at most 60 MiB; the device tool carries it with carry=["runs/gpu-carry"]). Run here, before the
# device call; then runs/gpu-carry/check.sh --dry-run proves the carry complete without a GPU.
#   [RELEASE_DIR=...] submit/gpu/package.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT="$ROOT/runs/gpu-carry"
GOLDEN_DIR=${GOLDEN_DIR:-$ROOT/../shared/golden}
GOLDEN_RELEASE_DIR=${GOLDEN_RELEASE_DIR:-$ROOT/../shared/golden-release}
mvn -B -q -ntp -DskipTests -pl neuron-gpu -am install >&2
rm -rf "$OUT"; mkdir -p "$OUT/lib" "$OUT/golden"
cp neuron-gpu/target/neuron-gpu-[0-9]*[0-9T].jar neuron-core/target/neuron-core-[0-9]*[0-9T].jar "$OUT/lib/"
# only what the GPU classes load: JavaCPP and its CUDA presets (with the JNI wrappers), Jackson
mvn -B -q -ntp -pl neuron-gpu dependency:copy-dependencies -DincludeGroupIds=org.bytedeco,com.fasterxml.jackson.core \
  -DoutputDirectory="$OUT/lib" >&2
rm -f "$OUT"/lib/*openblas* "$OUT"/lib/javacpp-1.5.7*
for d in "$GOLDEN_DIR" "$GOLDEN_RELEASE_DIR"; do
  if [ -d "$d" ]; then mkdir -p "$OUT/golden/$(basename "$d")"; cp "$d"/*.json "$OUT/golden/$(basename "$d")/"; fi
done
if [ -z "$(ls -A "$OUT/golden")" ]; then # a plain clone: neuron-core's bundled subset
  for d in golden golden-release; do mkdir -p "$OUT/golden/$d"; cp neuron-core/src/test/resources/$d/*.json "$OUT/golden/$d/"; done
fi
# the op fixtures: neuron-core's CPU kernels (ND4J) at training sizes, computed here, compared there
mvn -B -q -ntp -pl neuron-gpu dependency:build-classpath -Dmdep.outputFile="$OUT/.cp" >&2
java -cp "neuron-gpu/target/classes:$(cat "$OUT/.cp")" io.github.abasnn.gpu.fixtures.OpFixtureWriter \
  "$OUT/fixtures/ops.bin" 2>/dev/null | grep -v WARN >&2
java -cp "neuron-gpu/target/classes:$(cat "$OUT/.cp")" io.github.abasnn.gpu.fixtures.StepFixtureWriter \
  "$OUT/fixtures/step.bin" 2>/dev/null | grep -v WARN >&2
java -cp "neuron-gpu/target/classes:$(cat "$OUT/.cp")" io.github.abasnn.gpu.fixtures.BenchModelWriter \
  "$OUT/bench" 16 128 2>/dev/null | grep -v WARN >&2
rm -f "$OUT/.cp"
mkdir -p "$OUT/bench/release"
cp submit/bench/release/step_bench.py "$OUT/bench/"
if [ -n "${RELEASE_DIR:-}" ]; then # only its Python sources: step_bench.py loads the release's model from them
  (cd "$RELEASE_DIR" && find . -name '*.py' -not -path './.git/*' -print0 | xargs -0 cp --parents -t "$OUT/bench/release")
fi
jlink --add-modules java.base,java.logging,jdk.unsupported --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$OUT/jre" >&2
cp submit/gpu/check.sh "$OUT/"
SIZE=$(du -sm "$OUT" | cut -f1)
echo "gpu carry: $OUT, ${SIZE} MiB" >&2
if [ "$SIZE" -gt 60 ]; then echo "package.sh: $OUT is ${SIZE} MiB, over the 60 MiB a device call carries" >&2; exit 1; fi
