#!/usr/bin/env bash
# Copy the front-end files the pages use from node_modules (npm registry, pinned in
# package-lock.json) into static/vendor/, so nothing is ever loaded from a CDN.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
npm ci --no-audit --no-fund --loglevel=error
out=static/vendor
rm -rf "$out" && mkdir -p "$out/ol" "$out/noto-sans-bengali/files" "$out/leaflet" "$out/vectorgrid" "$out/geoman" \
  "$out/bootstrap" "$out/tom-select"
cp node_modules/ol/dist/ol.js node_modules/ol/ol.css "$out/ol/"
cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
  node_modules/leaflet/dist/images "$out/leaflet/"
cp node_modules/leaflet.vectorgrid/dist/Leaflet.VectorGrid.bundled.min.js "$out/vectorgrid/"
geoman=node_modules/@geoman-io/leaflet-geoman-free/dist
cp "$geoman/leaflet-geoman.min.js" "$geoman/leaflet-geoman.css" "$out/geoman/"
font=node_modules/@fontsource/noto-sans-bengali
cp "$font/400.css" "$font/700.css" "$out/noto-sans-bengali/"
# Both weights in one stylesheet: one render-blocking request instead of two on every page.
cat "$font/400.css" "$font/700.css" > "$out/noto-sans-bengali/fonts.css"
cp "$font"/files/noto-sans-bengali-*-{400,700}-normal.woff2 "$out/noto-sans-bengali/files/"
# Bootstrap 5, the design system (README "Design"), and Tom Select for the type-ahead pickers,
# each with its source map so the browser's tools find it.
cp node_modules/bootstrap/dist/css/bootstrap.min.css{,.map} \
  node_modules/bootstrap/dist/js/bootstrap.bundle.min.js{,.map} "$out/bootstrap/"
tom=node_modules/tom-select/dist
cp "$tom"/css/tom-select.bootstrap5.min.css{,.map} "$tom"/js/tom-select.complete.min.js{,.map} \
  "$out/tom-select/"
