#!/usr/bin/env bash
# deepmetric against Keras on this machine, the two run in alternation so that drift hits both:
# LeNet training (batch 64, 1,000 steps) as `deepmetric lenet train` and scripts/keras-bench.py
# report it, and re-ID training (batch 128) as `deepmetric bench --only reid` and keras-bench.py
# time it, float32 and bfloat16 (Keras' mixed_bfloat16). Prints each pair and the median ratios.
#
# Usage: scripts/against-keras.sh [ROUNDS]   (default 3; about 5 minutes a round on 2 cores)
#   PYTHON  a Python with TensorFlow and Keras (default python3), e.g. after
#           `python3 -m venv tf-venv && tf-venv/bin/pip install tensorflow-cpu==2.21.0` (PYTHON=tf-venv/bin/python)
#   DATA    an MNIST-format folder for LeNet (default the bundled sample, data/mnist-sample)
#   ONEDNN_MAX_CPU_ISA=AVX2 in front limits both programs to AVX2 kernels (no bf16 pair then)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
python="${PYTHON:-python3}"
data="${DATA:-$root/data/mnist-sample}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! "$python" -c "import tensorflow, keras" 2>/dev/null; then
  echo "against-keras: $python cannot import tensorflow and keras; set PYTHON to one that can" >&2
  exit 2
fi
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "against-keras: ROUNDS must be a positive whole number, not '$rounds'" >&2; exit 2; }
[[ -d "$data" ]] || { echo "against-keras: $data: no such folder" >&2; exit 2; }

keras() { TF_CPP_MIN_LOG_LEVEL=2 "$python" "$root/scripts/keras-bench.py" "$@" 2>/dev/null | sed -n 's/.*: \([0-9.]*\) images\/s.*/\1/p'; }
# images/s from a bench table row, through its ms/step column (two decimals, not the rounded images/s)
bench_row() { awk -F'|' -v p="$1" '$2 ~ /re-ID/ && $3 ~ /train/ && $5 ~ p { gsub(/ /, "", $6); printf "%.1f\n", 128000 / $6 }' "$2"; }

echo "Keras: $("$python" -c 'import tensorflow as t, keras as k; print("TensorFlow", t.__version__, "Keras", k.__version__)' 2>/dev/null)"
echo "LeNet data: $data"
echo
printf '%-6s %-22s %12s %12s %7s\n' round work deepmetric keras ratio
declare -A ratios
for ((r = 1; r <= rounds; r++)); do
  rm -rf "$work/lenet"
  ours=$("$root/deepmetric" lenet train --data_path "$data" --epochs 1 --steps 1000 --output_path "$work/lenet" 2>/dev/null \
    | sed -n 's/^Final Performance images\/sec : //p')
  theirs=$(keras lenet --data_path "$data" --steps 1000)
  if ! "$root/deepmetric" bench --only reid > "$work/bench.txt" 2> "$work/bench.err"; then
    echo "against-keras: round $r: deepmetric bench failed: $(tail -1 "$work/bench.err")" >&2
    exit 1
  fi
  reid_ours=$(bench_row fp32 "$work/bench.txt")
  reid_bf16_ours=$(bench_row bf16 "$work/bench.txt")
  reid_theirs=$(keras reid)
  rows=("lenet-fp32-b64 $ours $theirs" "reid-fp32-b128 $reid_ours $reid_theirs")
  # bench leaves bf16 out, with a note, where it cannot run (ONEDNN_MAX_CPU_ISA below bfloat16);
  # Keras is not asked then either: its TensorFlow 2.21 cannot build a bf16 convolution there.
  if [[ -n "$reid_bf16_ours" ]]; then
    rows+=("reid-bf16-b128 $reid_bf16_ours $(keras reid --mixed_bf16)")
  fi
  for row in "${rows[@]}"; do
    set -- $row
    if [[ $# -ne 3 ]]; then
      echo "against-keras: round $r, $1: a run gave no figure" >&2
      exit 1
    fi
    ratio=$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.2f", a / b }')
    ratios[$1]+="$ratio "
    printf '%-6s %-22s %12s %12s %7s\n' "$r" "$1" "$2" "$3" "$ratio"
  done
done
echo
head -1 "$work/bench.txt"
grep '^note:' "$work/bench.txt" || true
for key in lenet-fp32-b64 reid-fp32-b128 reid-bf16-b128; do
  [[ -n "${ratios[$key]:-}" ]] || { echo "median ratio $key: not measured"; continue; }
  echo "median ratio $key: $(tr ' ' '\n' <<< "${ratios[$key]}" | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
done
