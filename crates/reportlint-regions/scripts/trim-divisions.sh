#!/bin/sh
# Regenerates the trimmed division tables in ../data from the `china-division`
# 2.7.0 CSV files (NBS "2023年统计用区划代码", cut-off 2023-06-30; WTFPL).
#
# Usage: scripts/trim-divisions.sh /path/to/divisions   (run from the crate root)
#
# Each output file is `code,name` without quotes. The parent of a row is implied
# by its code prefix (city = 4 digits, county = 6, town = 9), which holds for
# every row of the source data, so the parent columns are dropped.
set -eu
src=${1:?usage: $0 DIR-with-provinces.csv-cities.csv-areas.csv-streets.csv}
out=data
trim() { # $1 = input file, $2 = output file, $3 = expected code length
  {
    echo "code,name"
    tail -n +2 "$1" | awk -F, -v n="$3" '{
      gsub(/"/, "", $2)
      if (length($1) != n || $2 == "" || index($2, ",") > 0) { print "bad row: " $0 > "/dev/stderr"; exit 1 }
      print $1 "," $2
    }' | sort -t, -k1,1
  } > "$2"
}
trim "$src/provinces.csv" "$out/provinces.csv" 2
trim "$src/cities.csv"    "$out/cities.csv"    4
trim "$src/areas.csv"     "$out/counties.csv"  6
trim "$src/streets.csv"   "$out/towns.csv"     9
