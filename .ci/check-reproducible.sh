#!/usr/bin/env bash
# Builds the published jars twice from clean clones of HEAD and fails if any jar differs by a byte.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in 1 2; do
  git clone -q "$here" "$work/$i"
  (cd "$work/$i" && mvn -B -q -DskipTests -pl '!examples,!integration-tests,!benchmarks' package)
done
status=0
while IFS= read -r jar; do
  other="$work/2/${jar#"$work/1/"}"
  if ! cmp -s "$jar" "$other"; then
    echo "not reproducible: ${jar#"$work/1/"}"
    status=1
  fi
done < <(find "$work/1" -path '*/target/*.jar')
[ $status -eq 0 ] && echo "reproducible: every jar is byte-identical across two clean builds"
exit $status
