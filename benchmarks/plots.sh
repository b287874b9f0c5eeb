#!/usr/bin/env bash
# Draws the suite's PNG plots from the data files of one run: benchmarks/plots.sh <results dir>
# [storm seconds] [retry seconds]. Called by benchmarks/suite.sh; rerun it to redraw.
set -euo pipefail
dir=$(cd "${1:?usage: benchmarks/plots.sh <results dir> [storm seconds] [retry seconds]}" && pwd)
storm=${2:-20} retry=${3:-20}
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
names=("Jetty example, isoprobe" "Spring Boot (Tomcat), isoprobe" "Spring Boot (Tomcat), Actuator")
targets=(jetty boot actuator)

# Threads of the retrying prober, seconds from its start (5 s after the app was up).
for t in "${targets[@]}"; do
  if [[ -s $dir/$t-retry-samples ]]; then
    awk 'NR == 1 { s = $1 + 5000 } { printf "%.1f %d\n", ($1 - s) / 1000, $2 }' "$dir/$t-retry-samples" >"$dir/$t-retry-threads.dat"
  fi
done

threads_plot() { # threads_plot OUTPUT SUFFIX TITLE SECONDS
  local lines=() i
  for i in 0 1 2; do
    lines+=("\"$dir/${targets[$i]}-$2.dat\" with lines lw 2 title \"${names[$i]}\"")
  done
  gnuplot <<GP
set terminal pngcairo size 720,360 font ",9"
set output "$dir/$1"
set title "$3"
set xlabel "seconds from the start of the load"
set ylabel "live JVM threads (/proc/<pid>/status)"
set key outside bottom center horizontal
set grid
set arrow from 0, graph 0 to 0, graph 1 nohead dt 2
set arrow from $4, graph 0 to $4, graph 1 nohead dt 2
plot $(IFS=,; echo "${lines[*]}")
GP
}
threads_plot storm-threads.png threads "JVM threads, hung-check storm: 64 probe connections for $storm s (dashed: start, end)" "$storm"
threads_plot retry-threads.png retry-threads "JVM threads, retrying prober: 16 clients, 1 s timeout, retry at once, $retry s" "$retry"

# Probe latency by percentile; x = 1 / (1 - p), the max drawn at x = 2000.
lines=()
for i in 0 1 2; do
  f=$dir/${targets[$i]}-pct.dat
  if [[ -s $f ]]; then
    lines+=("\"$f\" using (\$1 >= 100 ? 2000 : 1 / (1 - \$1 / 100)):2 with linespoints lw 2 title \"${names[$i]}\"")
  else
    lines+=("1/0 with lines lw 2 title \"${names[$i]}: no probe answered\"")
  fi
done
gnuplot <<GP
set terminal pngcairo size 720,360 font ",9"
set output "$dir/storm-latency.png"
set title "Probe latency by percentile, hung-check storm (64 connections, $storm s)"
set xlabel "percentile"
set ylabel "latency (ms)"
set logscale xy
set xrange [1:2500]
set yrange [0.5:10000]
set xtics ("0" 1, "50" 2, "90" 10, "99" 100, "99.9" 1000, "max" 2000)
set grid
set key outside bottom center horizontal
plot $(IFS=,; echo "${lines[*]}"), $DEADLINE_MS with lines dt 2 lc rgb "gray" title "deadline $DEADLINE_MS ms"
GP
log "plots in $dir"
